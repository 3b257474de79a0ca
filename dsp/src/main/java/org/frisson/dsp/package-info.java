/**
 * Signal processing on plain arrays: windows, ring buffers, filters, resampling, STFT and mel spectra,
 * EEG differential entropy, skin conductance and PPG features, latent-transition maths. Streaming
 * (chunks in, constant memory) and free of LSL and ONNX.
 */
package org.frisson.dsp;
