"""A Keras layer of our own: fixed standardisation with statistics stored as (non-trainable) weights, so the
exported graph holds them as constants and takes raw features."""


def standardise(mean, std, name):
    import keras

    class Standardise(keras.layers.Layer):
        def build(self, input_shape):
            self.mean = self.add_weight(shape=mean.shape, initializer=keras.initializers.Constant(mean),
                                        trainable=False, name="mean")
            self.scale = self.add_weight(shape=std.shape, initializer=keras.initializers.Constant(1.0 / std),
                                         trainable=False, name="scale")

        def call(self, x):
            return (x - self.mean) * self.scale

    return Standardise(name=name)
