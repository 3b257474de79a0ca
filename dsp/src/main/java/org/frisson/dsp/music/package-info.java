/**
 * Music structure from an embedding's trajectory: latent transitions as seed 002 finds them (windowed mean,
 * PCA, peaks in PC1's windowed variance), streaming and allocation-free.
 */
package org.frisson.dsp.music;
