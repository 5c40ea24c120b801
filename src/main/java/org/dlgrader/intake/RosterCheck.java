package org.dlgrader.intake;

import java.util.Optional;

/**
 * Whether a submission may be taken in the name it claims, by the roster. An email is taken when
 * its sender's address is the roster's address for the student number it claims. A zip put in the
 * inbox has no sender: it is taken when its name gives both the number and the name the roster
 * has for that number (whoever saved it there named it for that student; a slip in either holds it).
 * Anything else is held: it stays in the inbox, is not taken, and the log tells the teacher to check it.
 */
final class RosterCheck {

    /** The identity to take a submission under (the roster's spelling of the name), or why it is held. */
    record Verdict(Identity identity, String heldBecause) {

        boolean held() {
            return heldBecause != null;
        }

        private static Verdict take(Roster.Student student) {
            return new Verdict(new Identity(student.id(), Identity.folderSafe(student.name())), null);
        }

        private static Verdict hold(Identity claimed, String why, String then) {
            return new Verdict(claimed, why + "; it was not taken (it stays in the inbox): the teacher must check it " + then);
        }
    }

    private final Roster roster;

    RosterCheck(Roster roster) {
        this.roster = roster;
    }

    /** The roster's student for an email that names no student number, found by its sender. */
    Optional<Identity> bySender(Optional<String> sender) {
        return sender.flatMap(roster::byEmail).map(Verdict::take).map(Verdict::identity);
    }

    Verdict email(Identity claimed, Optional<String> sender, String fromHeader) {
        Optional<Roster.Student> student = roster.byId(claimed.studentId());
        if (student.isEmpty()) {
            return notOnRoster(claimed);
        }
        String who = claimed.studentId() + " (" + student.get().name() + ")";
        if (sender.isEmpty()) {
            return Verdict.hold(claimed, "it claims student " + who + " but has no single sender address (From: "
                    + AttachmentName.forLog(fromHeader) + "), so it cannot be checked against the roster",
                    "with the student, and ask them to send it again from their own address");
        }
        if (student.get().emails().isEmpty()) {
            return Verdict.hold(claimed, "it claims student " + who + ", sent from " + AttachmentName.forLog(sender.get()) + ", but the roster has "
                    + "no email address for " + claimed.studentId() + " to check it against",
                    "and, if the address is the student's, add it to their row of " + rosterName() + " and run intake again");
        }
        if (!student.get().emails().contains(sender.get())) {
            return Verdict.hold(claimed, "it claims student " + who + " but was sent from " + AttachmentName.forLog(sender.get()) + ", and the roster "
                    + "has " + String.join("; ", student.get().emails()) + " for " + claimed.studentId(),
                    "with the student (someone may be handing in homework in another student's name); if the address is "
                            + "the student's own, add it to their row of " + rosterName() + " (addresses separated by ';') "
                            + "and run intake again");
        }
        return Verdict.take(student.get());
    }

    Verdict zip(Identity claimed, String fileName) {
        Optional<Roster.Student> student = roster.byId(claimed.studentId());
        if (student.isEmpty()) {
            return notOnRoster(claimed);
        }
        String rosterName = student.get().name();
        if (rosterName.isBlank() || !Identity.sameName(claimed.name(), rosterName)) {
            return Verdict.hold(claimed, "a zip put in the inbox has no sender to check, so its name must give the student "
                    + "number and the name the roster has, and " + AttachmentName.forLog(fileName) + " names "
                    + claimed.studentId() + " " + claimed.name() + " where the roster has " + claimed.studentId() + " " + rosterName,
                    "and, if it is that student's, rename it " + claimed.studentId() + "-" + Identity.folderSafe(rosterName)
                            + ".zip and run intake again");
        }
        return Verdict.take(student.get());
    }

    private Verdict notOnRoster(Identity claimed) {
        return Verdict.hold(claimed, "it claims student number " + claimed.studentId() + ", which is not on the roster ("
                + rosterName() + ")", "and, if it is a student's, add them to the roster and run intake again");
    }

    private String rosterName() {
        return roster.file().getFileName().toString();
    }
}
