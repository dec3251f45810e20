package dev.linli.core.circle;

import dev.linli.core.InvalidValueException;

/**
 * How the value of a facility falls with walking distance, for gravity accessibility.
 *
 * <p>All three forms equal 1 at distance 0 (the power form at and below its {@code minMetres}) and
 * decrease with distance. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Decay {
  /**
   * Returns the weight of a facility {@code metres} away.
   *
   * @param metres walking distance, {@code >= 0}
   * @return a weight in (0, 1]
   */
  double weight(double metres);

  /**
   * {@code exp(-ln 2 * d / halfMetres)}: the weight halves every {@code halfMetres}.
   *
   * @param halfMetres half-distance in metres, {@code > 0}
   */
  record Exponential(double halfMetres) implements Decay {
    /** @throws InvalidValueException if not positive */
    public Exponential {
      InvalidValueException.check(halfMetres > 0 && Double.isFinite(halfMetres), "halfMetres",
          halfMetres, "must be a positive distance");
    }

    @Override
    public double weight(double metres) {
      return Math.exp(-Math.log(2) * metres / halfMetres);
    }
  }

  /**
   * {@code exp(-d² / (2 σ²))}.
   *
   * @param sigmaMetres σ in metres, {@code > 0}
   */
  record Gaussian(double sigmaMetres) implements Decay {
    /** @throws InvalidValueException if not positive */
    public Gaussian {
      InvalidValueException.check(sigmaMetres > 0 && Double.isFinite(sigmaMetres), "sigmaMetres",
          sigmaMetres, "must be a positive distance");
    }

    @Override
    public double weight(double metres) {
      return Math.exp(-metres * metres / (2 * sigmaMetres * sigmaMetres));
    }
  }

  /**
   * {@code (max(d, minMetres) / minMetres)^-beta}.
   *
   * @param beta exponent, {@code > 0}
   * @param minMetres distance below which the weight stays 1, {@code > 0}
   */
  record Power(double beta, double minMetres) implements Decay {
    /** @throws InvalidValueException if not positive */
    public Power {
      InvalidValueException.check(beta > 0 && Double.isFinite(beta), "beta", beta,
          "must be positive");
      InvalidValueException.check(minMetres > 0 && Double.isFinite(minMetres), "minMetres",
          minMetres, "must be a positive distance");
    }

    @Override
    public double weight(double metres) {
      return Math.pow(Math.max(metres, minMetres) / minMetres, -beta);
    }
  }
}
