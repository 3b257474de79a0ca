package org.frisson.app.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** {@code frisson streams}: every stream visible on the network. */
@Command(name = "streams", description = "List every visible LSL stream.")
public final class StreamsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--wait", paramLabel = "S", description = "Seconds to listen for streams (default: ${DEFAULT-VALUE}).")
    double wait = 1.0;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public void run() {
        List<StreamInfo> found = Resolver.all(wait);
        found.sort(Comparator.comparing(StreamInfo::name).thenComparing(StreamInfo::sourceId));
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode arr = mapper.createArrayNode();
                for (StreamInfo s : found) {
                    ObjectNode o = arr.addObject();
                    o.put("name", s.name());
                    o.put("type", s.type());
                    o.put("channel_count", s.channelCount());
                    o.put("channel_format", s.format().lslName());
                    o.put("nominal_srate", s.nominalRate());
                    o.put("source_id", s.sourceId());
                    o.put("hostname", s.hostname());
                    o.put("uid", s.uid());
                }
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            } else {
                String fmt = "%-24s %-12s %8s %-9s %10s  %-24s %-16s %s%n";
                out.printf(fmt, "NAME", "TYPE", "CHANNELS", "FORMAT", "RATE (Hz)", "SOURCE_ID", "HOSTNAME", "UID");
                for (StreamInfo s : found) {
                    out.printf(fmt, s.name(), s.type(), s.channelCount(), s.format(),
                            s.isIrregular() ? "irregular" : String.format("%.3f", s.nominalRate()),
                            s.sourceId(), s.hostname(), s.uid());
                }
                if (found.isEmpty()) {
                    out.println("(no streams within " + wait + " s)");
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            found.forEach(StreamInfo::close);
            out.flush();
        }
    }
}
