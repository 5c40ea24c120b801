package org.dlgrader.run.calibration;

/**
 * How much room a proposed bar leaves beyond the worst calibration run.
 *
 * @param absolute subtracted from the lowest run for an at-least rule (accuracy: 0.02 is two
 *     points), added to the widest distance from the target for a target ± tolerance rule (w, b)
 * @param errorFactor the highest run is multiplied by it for an at-most rule: errors such as an MSE
 *     of 1.5e-5 vary by factors between runs and machines, so an absolute margin means nothing there
 */
public record Margins(double absolute, double errorFactor) {

    public static final double DEFAULT_ABSOLUTE = 0.02;
    public static final double DEFAULT_ERROR_FACTOR = 10;

    public Margins {
        if (!(absolute >= 0) || !Double.isFinite(absolute)) {
            throw new IllegalArgumentException(org.dlgrader.i18n.Messages.tr("calibrate.margin.negative", absolute));
        }
        if (!(errorFactor >= 1) || !Double.isFinite(errorFactor)) {
            throw new IllegalArgumentException(org.dlgrader.i18n.Messages.tr("calibrate.errorFactor.belowOne", errorFactor));
        }
    }
}
