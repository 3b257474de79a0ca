package org.frisson.stage;

/**
 * The values a numeric parameter may take: an interval whose ends are each included or not; an unbounded end
 * is infinite. NaN is in no range, and an infinite value only in a range that includes that infinite end.
 */
public record Range(double low, boolean lowIncluded, double high, boolean highIncluded) {

    /** {@code >= low}. */
    public static Range atLeast(double low) {
        return new Range(low, true, Double.POSITIVE_INFINITY, false);
    }

    /** {@code > low}. */
    public static Range above(double low) {
        return new Range(low, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code low..high}, both ends included. */
    public static Range between(double low, double high) {
        return new Range(low, true, high, true);
    }

    public boolean contains(double v) {
        boolean overLow = lowIncluded ? v >= low : v > low;
        boolean underHigh = highIncluded ? v <= high : v < high;
        return overLow && underHigh;
    }

    /** As in messages and docs: {@code > 0}, {@code >= 1}, {@code 0..1}. */
    @Override
    public String toString() {
        if (Double.isInfinite(high)) {
            return (lowIncluded ? ">= " : "> ") + ParameterType.number(low);
        }
        if (lowIncluded && highIncluded) {
            return ParameterType.number(low) + ".." + ParameterType.number(high);
        }
        return (lowIncluded ? "[" : "(") + ParameterType.number(low) + ", " + ParameterType.number(high)
                + (highIncluded ? "]" : ")");
    }
}
