package org.dlgrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The help of the command line comes from the message bundle: a descriptionKey or ${bundle:...}
 * that names no text would print an empty line or the key itself, which MessagesTest cannot see
 * (it looks for tr("...") calls).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.dlgrader.i18n.RestoresLanguage.class)
class HelpTextsTest {

    /** Developer tools: their help stays English, in the annotations. */
    private static final Set<String> ENGLISH_ONLY = Set.of("bench", "bench-grading");

    private static CommandLine commandLine() {
        return new CommandLine(new Main()).setResourceBundle(new HelpTexts());
    }

    @Test
    void everyTextTheHelpAsksForIsInTheBundle() {
        List<String> missing = new ArrayList<>();
        for (String picocliKey : HelpTexts.PICOCLI_KEYS.keySet()) {
            if (!Messages.has(HelpTexts.PICOCLI_KEYS.get(picocliKey))) {
                missing.add(HelpTexts.PICOCLI_KEYS.get(picocliKey) + " (for picocli's " + picocliKey + ")");
            }
        }
        CommandLine main = commandLine();
        List<CommandLine> commands = new ArrayList<>(List.of(main));
        commands.addAll(main.getSubcommands().values());
        for (CommandLine command : commands) {
            String name = command.getCommandName();
            if (ENGLISH_ONLY.contains(name) || name.equals("help")) {
                continue;
            }
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String key = arg.descriptionKey();
                boolean standard = key.startsWith("mixinStandardHelpOptions.");
                if (!standard && (key.isEmpty() || !Messages.has(key))) {
                    missing.add(name + " " + arg + ": descriptionKey '" + key + "'");
                }
            }
            if (!Messages.has("cli." + (command == main ? "main" : name) + ".description")) {
                missing.add(name + ": cli." + name + ".description");
            }
        }
        assertThat(missing).as("help texts the commands ask for but the bundle does not have").isEmpty();
    }

    @Test
    void theHelpOfEveryCommandIsWholeInBothLanguages() {
        for (Language language : Language.values()) {
            Messages.use(language);
            CommandLine main = commandLine();
            List<String> usages = new ArrayList<>(List.of(main.getUsageMessage()));
            main.getSubcommands().values().forEach(c -> usages.add(c.getUsageMessage()));
            for (String usage : usages) {
                assertThat(usage).as(language.tag()).doesNotContain("${bundle:").doesNotContain("cli.");
            }
        }
    }

    @Test
    void graderLangGivesTheHelpInChineseAndEnglishIsAsItWas() {
        assertThat(help("intake", "--help")).contains("Usage: dl-grader intake")
                .contains("most files taken from one email or zip (default 200)")
                .contains("Show this help message and exit.");

        System.setProperty(Language.PROPERTY, "zh-CN");
        String chinese = help("intake", "--help");
        assertThat(chinese).contains("用法：dl-grader intake").contains("从一封邮件或一个 zip 中最多收取多少 MB（默认 200）")
                .contains("显示本帮助信息并退出。").doesNotContain("Usage");
        assertThat(help("--help")).contains("命令：").contains("列出所有练习。")
                // bench is a developer's tool: its own texts stay English.
                .contains("Times the Java references against the lesson's PyTorch code");
    }

    private static String help(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
