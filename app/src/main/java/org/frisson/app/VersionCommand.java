package org.frisson.app;

import org.frisson.lsl.Lsl;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code frisson version}: what is running, and on which liblsl. */
@Command(name = "version", description = "Print the Frisson, Java and liblsl versions and the library's path.")
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static String frissonVersion() {
        String v = Frisson.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Frisson " + frissonVersion());
        out.println("Java    " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println("liblsl  " + Lsl.formatVersion(Lsl.libraryVersion()) + ", protocol "
                + Lsl.formatVersion(Lsl.protocolVersion()));
        out.println("library " + Lsl.libraryPath());
        out.println("build   " + Lsl.libraryInfo());
        out.flush();
    }

    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Frisson " + frissonVersion()};
        }
    }
}
