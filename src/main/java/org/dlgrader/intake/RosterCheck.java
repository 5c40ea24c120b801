package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

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

        /** Held because of {@code why} (a text of the bundle), with {@code then}: what the teacher does next. */
        private static Verdict hold(Identity claimed, String why, String then) {
            return new Verdict(claimed, tr("intake.held", why, then));
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
        String who = tr("intake.held.student", claimed.studentId(), student.get().name());
        if (sender.isEmpty()) {
            return Verdict.hold(claimed, tr("intake.held.noSingleSender.why", who, AttachmentName.forLog(fromHeader)),
                    tr("intake.held.noSingleSender.todo"));
        }
        if (student.get().emails().isEmpty()) {
            return Verdict.hold(claimed, tr("intake.held.noRosterAddress.why", who, AttachmentName.forLog(sender.get()), claimed.studentId()),
                    tr("intake.held.noRosterAddress.todo", rosterName()));
        }
        if (!student.get().emails().contains(sender.get())) {
            return Verdict.hold(claimed, tr("intake.held.otherAddress.why", who, AttachmentName.forLog(sender.get()),
                    String.join("; ", student.get().emails()), claimed.studentId()),
                    tr("intake.held.otherAddress.todo", rosterName()));
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
            return Verdict.hold(claimed, tr("intake.held.zipName.why", AttachmentName.forLog(fileName), claimed.studentId(),
                    claimed.name(), rosterName),
                    tr("intake.held.zipName.todo", claimed.studentId() + "-" + Identity.folderSafe(rosterName)));
        }
        return Verdict.take(student.get());
    }

    private Verdict notOnRoster(Identity claimed) {
        return Verdict.hold(claimed, tr("intake.held.notOnRoster.why", claimed.studentId(), rosterName()),
                tr("intake.held.notOnRoster.todo"));
    }

    private String rosterName() {
        return roster.file().getFileName().toString();
    }
}
