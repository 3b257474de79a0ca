/**
 * Event-related analysis of recorded signals: epochs around events with baseline subtraction, their mean
 * and standard error, and a permutation test between two sets of epochs.
 */
package org.frisson.dsp.epoch;
