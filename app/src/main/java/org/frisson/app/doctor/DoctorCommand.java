package org.frisson.app.doctor;

import org.frisson.app.CliException;
import org.frisson.app.doctor.Check;
import org.frisson.app.doctor.Doctor;
import org.frisson.app.doctor.PortRangeCheck;
import org.frisson.lsl.LslLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code frisson doctor}: what a lab needs to know before a session, one line per check. */
@Command(name = "doctor", description = {
        "Check this machine before a session, one line per check (ok, warn or FAIL,",
        "with the fix): liblsl, the lsl_api.cfg it reads and its port range, discovery",
        "of an outlet of its own, the models and their provenance, audio devices, the",
        "dashboard port, free disk, Java. Exit status 1 when something blocks a",
        "session, else 0 (warnings included)."})
public final class DoctorCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "configs/concert.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--outlets", paramLabel = "N",
            description = "Outlets this machine will publish, compared with liblsl's PortRange (default: counted from --config).")
    Integer outlets;

    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config to count outlets from when "
            + "--outlets is not given: its outputs plus its input streams, as with the simulator on this machine "
            + "(default: " + DEFAULT_CONFIG + ").")
    Path config;

    @Option(names = "--json", description = "Print the checks as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        if (outlets != null && outlets < 0) {
            throw new CliException("--outlets must be >= 0, got " + outlets);
        }
        Path home = LslLibrary.frissonHome();
        Path workDir = Path.of("").toAbsolutePath();
        PortRangeCheck.Outlets expected = outlets != null ? PortRangeCheck.Outlets.given(outlets)
                : PortRangeCheck.Outlets.fromConfig(config != null ? config : home.resolve(DEFAULT_CONFIG));
        List<Check> checks = Doctor.run(new Doctor.Settings(home, workDir, System.getenv(), expected));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Doctor.json(checks));
        } else {
            Doctor.text(checks).forEach(out::println);
        }
        out.flush();
        return Doctor.exitCode(checks);
    }
}
