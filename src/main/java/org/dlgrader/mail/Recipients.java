package org.dlgrader.mail;

import java.util.Optional;
import org.dlgrader.intake.Roster;
import org.dlgrader.intake.Senders;
import org.dlgrader.report.StudentReports;

/**
 * Where each student's report goes: the roster's address when the roster has one (the teacher's
 * list, the address the intake trusts), else the address their newest taken email came from.
 */
public final class Recipients {

    /** An address and the name to greet and to put beside it. */
    record Recipient(String address, String name) {
    }

    private final Roster roster;
    private final Senders senders;

    /** @param roster the class list, or null when the teacher keeps none */
    public Recipients(Roster roster, Senders senders) {
        this.roster = roster;
        this.senders = senders;
    }

    Optional<Recipient> of(StudentReports.Report report) {
        Optional<Roster.Student> listed = roster == null ? Optional.empty() : roster.byId(report.studentId());
        String name = listed.map(Roster.Student::name).filter(n -> !n.isBlank()).orElse(report.name());
        Optional<String> address = listed.flatMap(s -> s.emails().stream().findFirst()).or(() -> senders.of(report.studentId()));
        return address.map(a -> new Recipient(a, name));
    }
}
