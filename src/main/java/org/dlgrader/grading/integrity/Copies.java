package org.dlgrader.grading.integrity;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;

/**
 * Every pair of students whose models for an exercise are too alike to be two pieces of work, from
 * their stored {@link Signature}s: the same file; the same hidden units in any order, container or
 * dtype ({@code same-weights}); or, where weights were not read, the same answers down to the same
 * mistakes ({@code shared-mistakes}). One finding per pair, the strongest; the others' figures go in
 * its evidence. Which signs an exercise looks for, and the bars, are its {@link IntegrityRules}.
 */
public final class Copies {

    private Copies() {
    }

    /** How alike two signatures are; NaN where a figure could not be taken. */
    public record Likeness(boolean sameFile, double sharedUnits, double agreement, double sharedMistakes, double errorsAlike) {

        public static Likeness of(Signature a, Signature b) {
            boolean sameFile = a.fingerprint().equals(b.fingerprint());
            double units = a.units().length > 0 && b.units().length > 0 ? UnitCodes.shared(a.units(), b.units()) : Double.NaN;
            double agreement = Double.NaN;
            double mistakes = Double.NaN;
            if (a.hasPredictions() && b.hasPredictions() && a.predicted().length == b.predicted().length) {
                agreement = Copies.agreement(a.predicted(), b.predicted());
                mistakes = Copies.sharedMistakes(a, b);
            }
            double errors = a.errors() != null && b.errors() != null && a.errors().length == b.errors().length
                    ? cosine(a.errors(), b.errors()) : Double.NaN;
            return new Likeness(sameFile, units, agreement, mistakes, errors);
        }

        /** The figure predictions are judged by: shared mistakes for classifiers, alike errors for regressions. */
        double answers() {
            return Double.isNaN(sharedMistakes) ? errorsAlike : sharedMistakes;
        }
    }

    /** Students' signatures for one exercise, in the order of {@code studentIds}, absent ones left out. */
    public static List<Finding> find(Assignment assignment, List<String> studentIds, Signatures store) {
        List<Finding> findings = new ArrayList<>();
        List<String> ids = studentIds.stream().sorted().toList();
        for (ExerciseSpec exercise : assignment.exercises()) {
            List<String> who = new ArrayList<>();
            List<Signature> signatures = new ArrayList<>();
            for (String id : ids) {
                Optional<Signature> signature = store.read(id, exercise.id());
                if (signature.isPresent()) {
                    who.add(id);
                    signatures.add(signature.get());
                }
            }
            for (int i = 0; i < signatures.size(); i++) {
                for (int j = i + 1; j < signatures.size(); j++) {
                    Finding finding = judge(exercise, who.get(i), who.get(j), signatures.get(i), signatures.get(j));
                    if (finding != null) {
                        findings.add(finding);
                    }
                }
            }
        }
        return findings;
    }

    private static Finding judge(ExerciseSpec exercise, String a, String b, Signature first, Signature second) {
        IntegrityRules rules = exercise.integrity();
        if (rules.identicalFile() && first.fingerprint().equals(second.fingerprint())) {
            return new Finding("identical-file", exercise.id(), a, b, tr("integrity.evidence.identicalFile", size(first.fingerprint())),
                    tr("integrity.threshold.identicalFile"));
        }
        boolean weights = rules.sameWeights() != null && first.units().length > 0 && second.units().length > 0;
        boolean predictions = rules.sharedMistakes() != null
                && (first.hasPredictions() && second.hasPredictions() || first.errors() != null && second.errors() != null);
        if (!weights && !predictions) {
            return null;
        }
        Likeness likeness = Likeness.of(first, second);
        String answers = !Double.isNaN(likeness.agreement())
                ? tr("integrity.evidence.answers", percent(likeness.agreement()), percent(likeness.sharedMistakes()))
                : !Double.isNaN(likeness.errorsAlike()) ? tr("integrity.evidence.errors", String.format(Locale.ROOT, "%.6f", likeness.errorsAlike()))
                : "";
        if (weights && likeness.sharedUnits() >= rules.sameWeights()) {
            String units = tr("integrity.evidence.sameWeights", percent(likeness.sharedUnits()));
            return new Finding("same-weights", exercise.id(), a, b, answers.isEmpty() ? units : units + tr("integrity.evidence.separator") + answers,
                    "sameWeights ≥ " + percent(rules.sameWeights()));
        }
        // Weights compared and told apart outweigh the answers: honest models of one recipe agree a lot.
        if (predictions && !weights && likeness.answers() >= rules.sharedMistakes()) {
            return new Finding("shared-mistakes", exercise.id(), a, b, answers,
                    "sharedMistakes ≥ " + (Double.isNaN(likeness.sharedMistakes()) ? String.format(Locale.ROOT, "%.2f", rules.sharedMistakes())
                            : percent(rules.sharedMistakes())));
        }
        return null;
    }

    /** The share of images both models give the same class. */
    static double agreement(byte[] a, byte[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return a.length == 0 ? 0 : (double) same / a.length;
    }

    /**
     * Of the images either model gets wrong, the share both get wrong with the same wrong class:
     * honest models share many mistakes (the hard images), a copy shares all of them, alike.
     */
    static double sharedMistakes(Signature a, Signature b) {
        long[] x = a.wrong();
        long[] y = b.wrong();
        long either = 0;
        long alike = 0;
        for (int w = 0; w < x.length; w++) {
            either += Long.bitCount(x[w] | y[w]);
            long both = x[w] & y[w];
            while (both != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(both);
                if (a.predicted()[i] == b.predicted()[i]) {
                    alike++;
                }
                both &= both - 1;
            }
        }
        return either == 0 ? 1 : (double) alike / either;
    }

    /** Cosine of two regressions' errors: 1 when they err alike, point by point. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? (aa == bb ? 1 : 0) : dot / Math.sqrt(aa * bb);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String size(String fingerprint) {
        int dash = fingerprint.indexOf('-');
        return dash > 0 ? fingerprint.substring(0, dash) : "?";
    }
}
