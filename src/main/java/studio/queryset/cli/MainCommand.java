package studio.queryset.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code queryset-studio <subcommand> ...}. Without a subcommand the GUI starts. */
@Command(name = "queryset-studio", mixinStandardHelpOptions = true, version = "QuerySet Studio 0.1",
        description = "Design Django-style QuerySets; compile them to SQL, run them, export code.",
        subcommands = {EvalCommand.class, CompileCommand.class, ExportCommand.class, SampleDbCommand.class,
            CommandLine.HelpCommand.class})
public final class MainCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static int run(String... args) {
        return new CommandLine(new MainCommand()).execute(args);
    }
}
