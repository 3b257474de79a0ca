"""Frisson's training tools: the emotion model of seed 001 and the chill predictor of seed 002.

Layout (science apart from plumbing):
  runtime      deterministic TensorFlow set-up (import this before TensorFlow)
  cohort       reader of the simulated cohort directory (the contract with `frisson simulate cohort`)
  deap         reader of DEAP's preprocessed Python pickles, DE features as Frisson computes them online
  windows      windows, labels and targets cut from either data set
  metrics      accuracies, retrieval, Pearson r and Fisher's combined p (numpy/scipy, no TensorFlow)
  emotion      the EEG/music model with its gradient-reversal discriminator, and its training step
  chills       the 1-D CNN from embedding sequences to future phasic skin conductance and chills
  experiments  cross-validation, participant splits, ablations: what the commands run
  onnx_export  tf2onnx export with frisson.* metadata, checked against Keras
  report       JSON reports
"""
