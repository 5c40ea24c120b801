package org.dlgrader.mail;

import java.util.List;
import java.util.Optional;
import org.dlgrader.intake.Roster;
import org.dlgrader.intake.Senders;
import org.dlgrader.report.StudentReports;

/**
 * Where each student's report goes: the roster's address when the roster has one (the teacher's
 * list, the address the intake trusts), else the address their taken emails came from, when there
 * is only one. Without a roster a student's identity is whatever number an email's subject claims,
 * so several addresses for one number mean someone may have claimed another's: the report, with
 * that student's name and points, goes to none of them.
 */
public final class Recipients {

    /** What the records say about one student's address. */
    sealed interface Found permits Recipient, Disagree, Unknown {
    }

    /** An address and the name to greet and to put beside it. */
    record Recipient(String address, String name) implements Found {
    }

    /** Emails from several addresses claimed the student's number, and no roster says which is theirs. */
    record Disagree(List<String> addresses) implements Found {
    }

    /** Neither the roster nor the intake knows an address. */
    record Unknown() implements Found {
    }

    private final Roster roster;
    private final Senders senders;

    /** @param roster the class list, or null when the teacher keeps none */
    public Recipients(Roster roster, Senders senders) {
        this.roster = roster;
        this.senders = senders;
    }

    Found of(StudentReports.Report report) {
        Optional<Roster.Student> listed = roster == null ? Optional.empty() : roster.byId(report.studentId());
        String name = listed.map(Roster.Student::name).filter(n -> !n.isBlank()).orElse(report.name());
        Optional<String> fromRoster = listed.flatMap(s -> s.emails().stream().findFirst());
        if (fromRoster.isPresent()) {
            return new Recipient(fromRoster.get(), name);
        }
        List<String> heard = senders.addresses(report.studentId());
        if (heard.size() > 1) {
            return new Disagree(heard.stream().sorted().toList());
        }
        return heard.isEmpty() ? new Unknown() : new Recipient(heard.get(0), name);
    }
}
