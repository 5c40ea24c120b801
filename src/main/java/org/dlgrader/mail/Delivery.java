package org.dlgrader.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** Where the messages go: the teacher's outbox folder (a dry run) or an SMTP server. */
public interface Delivery extends AutoCloseable {

    /** The session messages are made in (a server's, so its settings, such as the host name, apply). */
    Session session();

    /** Whether messages really leave: only then is the sent log written. */
    boolean sends();

    /** Hands over one student's message; says where it went, for the console. */
    String deliver(String studentId, MimeMessage message) throws IOException, MessagingException;

    @Override
    void close();
}
