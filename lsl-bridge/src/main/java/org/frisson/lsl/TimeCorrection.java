package org.frisson.lsl;

/**
 * One clock-offset estimate of an inlet.
 *
 * @param offset      seconds to add to a remote stamp to put it on the local LSL clock
 * @param remoteTime  the remote clock when the estimate was taken
 * @param uncertainty the estimate's maximum error in seconds (half the round-trip time)
 */
public record TimeCorrection(double offset, double remoteTime, double uncertainty) {
}
