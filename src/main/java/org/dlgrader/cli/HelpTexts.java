package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import org.dlgrader.i18n.Messages;

/**
 * The help texts of the command line, for picocli: the {@code cli.} texts of the message bundle in
 * the run's language. Picocli would load a {@code @Command(resourceBundle = ...)} by the machine's
 * locale, so a Chinese laptop would print Chinese help for an English class; {@link Main} hands it
 * this bundle instead. Options name their text with {@code descriptionKey = "cli.<command>.option.<name>"},
 * commands with {@code description = "${bundle:cli.<command>.description}"}. The few texts picocli
 * asks for under keys of its own (headings, {@code -h}/{@code -V}, the {@code help} command) are
 * mapped here onto keys of the bundle, so the bundle keeps one naming scheme.
 */
final class HelpTexts extends ResourceBundle {

    /** Picocli's key to the bundle's. Keys starting "dl-grader.help." are picocli's for the help command alone. */
    static final Map<String, String> PICOCLI_KEYS = Map.ofEntries(
            Map.entry("usage.synopsisHeading", "cli.help.synopsisHeading"),
            Map.entry("usage.commandListHeading", "cli.help.commandListHeading"),
            Map.entry("mixinStandardHelpOptions.help", "cli.help.helpOption"),
            Map.entry("mixinStandardHelpOptions.version", "cli.help.versionOption"),
            Map.entry("dl-grader.help.usage.synopsisHeading", "cli.helpCommand.synopsisHeading"),
            Map.entry("dl-grader.help.usage.header", "cli.helpCommand.header"),
            // A description of several lines is picocli's key with .0, .1, ...
            Map.entry("dl-grader.help.usage.description.0", "cli.helpCommand.description1"),
            Map.entry("dl-grader.help.usage.description.1", "cli.helpCommand.description2"),
            Map.entry("helpCommand.help", "cli.helpCommand.helpOption"),
            Map.entry("helpCommand.command", "cli.helpCommand.command"));

    private final Map<String, String> texts = new HashMap<>();

    /** The texts in the language this process speaks now: make it after the language is chosen. */
    HelpTexts() {
        Messages.all("cli.").forEach((key, text) -> texts.put("cli." + key, text));
        PICOCLI_KEYS.forEach((picocli, ours) -> texts.put(picocli, tr(ours)));
    }

    @Override
    protected Object handleGetObject(String key) {
        return texts.get(key);
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(texts.keySet());
    }
}
