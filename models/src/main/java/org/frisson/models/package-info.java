/**
 * Model contracts and their ONNX Runtime sessions: audio embedders, valence/arousal classifiers, the chill
 * predictor. Export and training tools live beside this module in {@code models/python/}.
 */
package org.frisson.models;
