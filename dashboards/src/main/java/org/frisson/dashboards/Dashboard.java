package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The live dashboards of a running pipeline: an embedded HTTP server with the experimenter view
 * ({@code /}), the listener view ({@code /listener}), their live data as server-sent events
 * ({@code /events}, {@value Broadcaster#HZ} frames a second), the Prometheus endpoint ({@code /metrics}) and
 * the rating form's answers ({@code /rating}). The pipeline feeds it through {@link #inputs()} and
 * {@link #outputs()}, which copy into preallocated rings and never wait for a page.
 *
 * <p>During calibration it asks for ratings: {@link #askRating} shows every open page a form for the track's
 * valence and arousal (1-9), and the first answer goes to the {@link RatingSink} given at start.
 *
 * <p>Bound to 127.0.0.1 by default; bound to any other address, every request needs the access token
 * that {@link #url()} carries. Every request must name an allowed host ({@link HostAllowList}); a rating
 * must not come from another site's page ({@link OriginCheck}); an address that sends
 * {@value #FAILURE_LIMIT} wrong tokens within {@value #FAILURE_WINDOW_SECONDS} s is refused until that
 * minute has passed; every answer carries {@link SecurityHeaders}. Refusals are counted in
 * {@code frisson.dashboard.refused}.
 */
public final class Dashboard implements AutoCloseable {

    /** The address that needs no token. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The port used when none is given. */
    public static final int DEFAULT_PORT = 8787;

    /** Wrong tokens from one address, within {@link #FAILURE_WINDOW_SECONDS}, after which it is blocked. */
    public static final int FAILURE_LIMIT = 10;
    /** The window of {@link #FAILURE_LIMIT}, in seconds. */
    public static final int FAILURE_WINDOW_SECONDS = 60;

    /**
     * Where to listen. {@code port} 0: any free port. {@code anyPortIfTaken}: should {@code port} be in
     * use, take any free one instead of failing. {@code title} names the session on the pages. {@code hosts}:
     * names (or addresses) requests may give as {@code Host} besides the loopback and the address listened on
     * (see {@link HostAllowList}). {@code tokenFile}: where the access token is kept from one start to the
     * next (null: a new token at every start); read only when a token is needed. {@code tls}: serve HTTPS
     * with that key (null: HTTP).
     */
    public record Settings(String bind, int port, boolean anyPortIfTaken, String title, List<String> hosts,
                           Path tokenFile, Tls tls) {
        public Settings {
            hosts = List.copyOf(hosts);
        }

        /** Plain HTTP. */
        public Settings(String bind, int port, boolean anyPortIfTaken, String title, List<String> hosts,
                        Path tokenFile) {
            this(bind, port, anyPortIfTaken, title, hosts, tokenFile, null);
        }

        /** No further host names, a new token at every start. */
        public Settings(String bind, int port, boolean anyPortIfTaken, String title) {
            this(bind, port, anyPortIfTaken, title, List.of(), null, null);
        }
    }

    /** HTTPS with the key in {@code keystore} (PKCS12 or JKS), whose password is the first line of {@code passwordFile}. */
    public record Tls(Path keystore, Path passwordFile) {
    }

    private final LiveData data = new LiveData();
    private final InputFeed inputs = new InputFeed(data);
    private final OutputFeed outputs = new OutputFeed(data);
    private final PendingRatings ratings = new PendingRatings();
    private final boolean rates;
    private final Broadcaster broadcaster;
    private final AccessToken token;
    private final Server server;
    private final String host;
    private final String scheme;
    private final int port;

    private Dashboard(Settings settings, PrometheusMeterRegistry registry, DoubleSupplier clock, RatingSink sink,
                      FailedAttempts failures) {
        InetAddress address = address(settings.bind());
        List<String> names = new ArrayList<>(settings.hosts());
        if (HostAllowList.literal(settings.bind()) == null) {
            names.add(settings.bind());
        }
        HostAllowList hosts = HostAllowList.forBind(address, names);
        this.token = settings.bind().equals(LOOPBACK) ? null
                : settings.tokenFile() == null ? AccessToken.random() : TokenFile.readOrCreate(settings.tokenFile());
        this.rates = sink != null;
        WebResources web = new WebResources();
        Refusals refusals = new Refusals(registry);
        this.broadcaster = new Broadcaster(data, ratings, new FrameWriter(settings.title()), registry, clock);
        Handler handler = new HostGuard(hosts, refusals, new DashboardHandler(web, broadcaster, registry,
                token == null ? null : new TokenGate(token, failures, refusals), new OriginCheck(hosts), refusals,
                new RatingEndpoint(ratings, sink)));
        SslContextFactory.Server ssl = settings.tls() == null ? null
                : TlsKeys.open(settings.tls().keystore(), settings.tls().passwordFile());
        this.scheme = ssl == null ? "http" : "https";
        Server s;
        try {
            s = listenOrFallBack(settings, handler, ssl);
        } catch (RuntimeException e) {
            broadcaster.close();
            throw e;
        }
        this.server = s;
        this.port = ((ServerConnector) s.getConnectors()[0]).getLocalPort();
        this.host = address instanceof Inet6Address ? "[" + settings.bind() + "]" : settings.bind();
    }

    /**
     * Starts listening; its meters ({@code frisson.dashboard.*}) join {@code registry}, whose every meter
     * {@code /metrics} exports. {@code clock} is the clock of the streams' stamps (the local LSL clock).
     *
     * @throws IllegalStateException when the address or port cannot be had
     */
    public static Dashboard start(Settings settings, PrometheusMeterRegistry registry, DoubleSupplier clock) {
        return start(settings, registry, clock, null);
    }

    /**
     * As {@link #start(Settings, PrometheusMeterRegistry, DoubleSupplier)}, and the ratings answered on the pages
     * go to {@code ratings} (see {@link #askRating}); null: no ratings, as without it.
     */
    public static Dashboard start(Settings settings, PrometheusMeterRegistry registry, DoubleSupplier clock,
                                  RatingSink ratings) {
        return start(settings, registry, clock, ratings, new FailedAttempts(FAILURE_LIMIT,
                TimeUnit.SECONDS.toNanos(FAILURE_WINDOW_SECONDS), System::nanoTime));
    }

    /** As {@link #start(Settings, PrometheusMeterRegistry, DoubleSupplier, RatingSink)}, counting in {@code failures}. */
    static Dashboard start(Settings settings, PrometheusMeterRegistry registry, DoubleSupplier clock,
                           RatingSink ratings, FailedAttempts failures) {
        return new Dashboard(settings, registry, clock, ratings, failures);
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("dashboard: unknown address '" + bind + "'", e);
        }
    }

    private static Server listenOrFallBack(Settings settings, Handler handler, SslContextFactory.Server ssl) {
        try {
            return listen(settings.bind(), settings.port(), handler, ssl);
        } catch (BindException taken) {
            if (settings.anyPortIfTaken()) {
                try {
                    return listen(settings.bind(), 0, handler, ssl);
                } catch (BindException e) {
                    taken = e;
                }
            }
            throw new IllegalStateException("dashboard: cannot listen on " + settings.bind() + ":" + settings.port()
                    + ": " + taken.getMessage(), taken);
        }
    }

    private static Server listen(String bind, int port, Handler handler, SslContextFactory.Server ssl)
            throws BindException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("frisson-dashboard-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // header values are case-sensitive: a token must never match a cached field differing only in case
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        ServerConnector connector;
        if (ssl == null) {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        } else {
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        }
        connector.setHost(bind);
        connector.setPort(port);
        // a page that takes nothing for this long is dropped (frames go out 20 times a second)
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(2_000);
        try {
            server.start();
            return server;
        } catch (Exception e) {
            stopQuietly(server);
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof BindException)) {
                root = root.getCause();
            }
            if (root instanceof BindException b) {
                throw b;
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("dashboard: cannot listen on " + bind + ":" + port, io);
            }
            throw new IllegalStateException("dashboard: cannot start on " + bind + ":" + port + ": " + e, e);
        }
    }

    /** Where raw input chunks go (the pipeline's chunk listener). */
    public InputFeed inputs() {
        return inputs;
    }

    /** Where output samples go (the pipeline's output listener). */
    public OutputFeed outputs() {
        return outputs;
    }

    /** Where the health table's rows come from; asked a few times a second, from the dashboard's thread. */
    public void health(Supplier<List<HealthRow>> source) {
        data.health(source);
    }

    /** Where the device table's rows come from (boards the run opened itself); asked with the health table. */
    public void devices(Supplier<List<DeviceRow>> source) {
        data.devices(source);
    }

    /**
     * Where the lines naming what the pipeline switched off come from (a stage or listener that threw), shown
     * on both pages beside the model notices; asked with the health table, from the dashboard's thread.
     */
    public void switchedOff(Supplier<List<String>> source) {
        data.switchedOff(source);
    }

    /**
     * Asks for {@code track}'s rating: every open page (and every page opened later) shows the rating form
     * until one answers, whose answer goes to the {@link RatingSink} once. Several tracks may be pending; asking
     * for one already pending changes nothing. Any thread.
     *
     * @throws IllegalStateException    when the dashboard was started without a {@link RatingSink}
     * @throws IllegalArgumentException when {@code track} is empty, longer than 500 characters or holds a
     *                                  control character
     */
    public void askRating(String track) {
        if (!rates) {
            throw new IllegalStateException("dashboard: started without a RatingSink, it cannot ask for ratings");
        }
        ratings.ask(track);
    }

    /** The tracks whose rating is asked and not yet answered, oldest first. */
    public List<String> pendingRatings() {
        return ratings.list();
    }

    /**
     * Takes back the question for {@code track}, e.g. when it was rated elsewhere (the terminal): the pages'
     * forms for it go away. False when it was not pending or the sink is being given a page's answer for it; so
     * a caller that keeps only the first rating keeps the one from elsewhere only when this returns true.
     */
    public boolean withdrawRating(String track) {
        return ratings.withdraw(track);
    }

    public int port() {
        return port;
    }

    /** The access token every request must present, when the address is not {@value #LOOPBACK}. */
    public Optional<String> token() {
        return token == null ? Optional.empty() : Optional.of(token.value());
    }

    /** The experimenter view's address, with the token when one is needed. */
    public String url() {
        return scheme + "://" + host + ":" + port + "/" + (token == null ? "" : "?token=" + token.value());
    }

    /** Ends every page's connection (pages keep trying to reconnect) and stops listening. */
    @Override
    public void close() {
        broadcaster.close();
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the threads are daemons
        }
    }
}
