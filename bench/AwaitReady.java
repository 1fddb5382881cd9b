import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Polls readiness URLs every 10 ms until one answers 200, and prints {@code READY <epoch ms> <url>}; the epoch
 * milliseconds are the wall clock of the first 200, for comparison with the launch time the caller took. Prints
 * {@code POLLING} once it has started, so the caller can launch the service only then (the compilation and
 * start of this JVM are not counted). Exits 1 after TIMEOUT seconds without a 200.
 *
 * <pre>java bench/AwaitReady.java TIMEOUT_SECONDS URL...</pre>
 */
public class AwaitReady {

    public static void main(String[] args) throws Exception {
        long deadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest[] requests = new HttpRequest[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            requests[i - 1] = HttpRequest.newBuilder(URI.create(args[i])).timeout(Duration.ofSeconds(2)).GET().build();
        }
        System.out.println("POLLING");
        System.out.flush();
        while (System.nanoTime() < deadline) {
            for (HttpRequest request : requests) {
                try {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        System.out.println("READY " + System.currentTimeMillis() + " " + request.uri());
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(10);
        }
        System.out.println("TIMEOUT");
        System.exit(1);
    }
}
