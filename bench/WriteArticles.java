import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes N distinct seed-like articles (~2 KB of JSON each, as {@code dev.newsfeed.article.Article} serialises)
 * to the articles topic with a plain Kafka producer, not through newsfeed, and reports its rate.
 *
 * <p>The text is drawn from a Zipf distribution (s = 1) over ~400 real news words followed by a long tail of
 * made-up words, so that {@code q} has common words ({@value #COMMON}: in about a third of the articles) and
 * rare ones. Planted words make the benchmark's queries deterministic: {@value #RARE} is in every 2,000th
 * article (starting with the second), {@value #NOTHING} in none; it prints how many articles have each. Tags come from a vocabulary of twelve, sources
 * are {@code file:<desk>/<year>/...} or {@code http:...}, publication times are spread over 2016–2025. The same
 * N and seed write the same records.
 *
 * <pre>java -cp "$(cat classpath)" bench/WriteArticles.java BOOTSTRAP TOPIC N [SEED]</pre>
 * Prints one line: {@code WROTE n bytes seconds articles/s MB/s}.
 */
public class WriteArticles {

    static final String COMMON = "government";
    static final String RARE = "okavango";
    static final String NOTHING = "xylophonist";

    static final String[] NEWS_WORDS = ("the of and to in a that for on is was with said as by at it from his be "
            + "has have are an he not this had but they were who been which their after more its will year one "
            + "would about new than also people two president government up last first over out other into some "
            + "could when there all governor minister told time years state country officials week says may "
            + "since while three percent million such during police under city before against between national "
            + "public most where including law our world many just war back only market council early day told "
            + "report officials support part former group talks second four deal security health what prime "
            + "chief leader months company still made high through five plan court news because both long "
            + "house political military billion like foreign economic party local work next end region general "
            + "election late power say even party five any then us north south east west around meeting "
            + "international border agreement ceasefire negotiations peace forces troops attack united states "
            + "european union russia ukraine china india france germany britain minister spokesman statement "
            + "announced according expected reported following amid despite because however although further "
            + "investment trade prices inflation bank interest rates growth economy budget tax spending energy "
            + "oil gas climate emissions water food crisis workers union strike schools students university "
            + "research scientists study data technology software internet companies shares investors profit "
            + "revenue quarter analysts hospital patients doctors vaccine disease care family children women men "
            + "community residents village town capital river coast island mountain weather storm flood fire "
            + "drought summer winter spring autumn morning evening tuesday wednesday thursday friday monday "
            + "saturday sunday january february march april june july august september october november december "
            + "team season match game players coach league cup final championship record win victory defeat "
            + "goal club fans stadium film music festival artist museum book author director series award "
            + "director café zürich são paulo münchen kraków québec istanbul kyiv moscow beijing washington "
            + "brussels london paris berlin rome madrid tokyo delhi cairo nairobi lagos sydney toronto "
            + "proposal vote parliament senate congress court judge ruling appeal lawyers trial charges "
            + "sanctions embassy diplomats summit visit talks allies partners officials agency ministry "
            + "department office programme project infrastructure railway tram road bridge airport port "
            + "housing rents construction plans approved rejected delayed launched opened closed").split(" ");
    static final String[] TAGS = { "vladimir-putin", "volodymyr-zelensky", "donald-trump", "istanbul",
            "european-union", "nato", "china", "climate", "elections", "federal-reserve", "olympics", "kyiv" };
    static final String[] DESKS = { "world", "business", "science", "sport", "culture" };
    static final String[] SYLLABLES = { "ka", "ro", "mi", "te", "lu", "sa", "no", "ve", "di", "pa", "ghe", "tor",
            "lin", "mar", "bes", "qui", "dra", "fen", "hol", "zu", "ce", "wan", "bri", "sto" };
    static final int TAIL_WORDS = 30_000;
    static final long FIRST = Instant.parse("2016-01-01T00:00:00Z").getEpochSecond();
    static final long LAST = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    /** The vocabulary's own instance of {@link #COMMON}, compared by identity while drawing words. */
    static String COMMON_WORD;
    final String[] vocabulary;
    /** Inverse of the Zipf distribution, quantised: a uniform slot to a word's rank. */
    final int[] zipf = new int[1 << 20];

    WriteArticles() {
        List<String> words = new ArrayList<>(List.of(NEWS_WORDS));
        SplittableRandom random = new SplittableRandom(7);
        java.util.Set<String> seen = new java.util.HashSet<>(words);
        while (words.size() < NEWS_WORDS.length + TAIL_WORDS) {
            StringBuilder word = new StringBuilder();
            for (int s = 2 + random.nextInt(3); s > 0; s--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (seen.add(word.toString())) {
                words.add(word.toString());
            }
        }
        vocabulary = words.toArray(String[]::new);
        COMMON_WORD = vocabulary[words.indexOf(COMMON)];
        double total = 0;
        for (int r = 1; r <= vocabulary.length; r++) {
            total += 1.0 / r;
        }
        double cumulative = 0;
        int rank = 0;
        for (int slot = 0; slot < zipf.length; slot++) {
            double u = (slot + 0.5) / zipf.length;
            while (rank < vocabulary.length - 1 && cumulative + 1.0 / (rank + 1) / total < u) {
                cumulative += 1.0 / (rank + 1) / total;
                rank++;
            }
            zipf[slot] = rank;
        }
    }

    String word(SplittableRandom random) {
        return vocabulary[zipf[random.nextInt(zipf.length)]];
    }

    /** Words drawn into one sentence; {@code found[0]} is set when the common word is among them. */
    String sentence(SplittableRandom random, int words, boolean[] found) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = word(random);
            if (word == COMMON_WORD) {
                found[0] = true;
            }
            if (w == 0) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                text.append(' ').append(word);
            }
        }
        return text.append('.').toString();
    }

    /** Article i as its JSON, and its id. */
    String[] article(long seed, int i, MessageDigest sha256) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        boolean[] common = { false };
        int titleWords = 6 + random.nextInt(5);
        String title = sentence(random, titleWords, common);
        title = title.substring(0, title.length() - 1);
        int subtitleWords = 12 + random.nextInt(8);
        String subtitle = sentence(random, subtitleWords, common);
        int summaryWords = 22 + random.nextInt(10);
        String summary = sentence(random, summaryWords, common);
        int words = titleWords + subtitleWords + summaryWords;
        List<String> body = new ArrayList<>();
        int paragraphs = 4 + random.nextInt(2);
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder paragraph = new StringBuilder();
            for (int s = 0; s < 3; s++) {
                int n = 11 + random.nextInt(8);
                words += n;
                paragraph.append(s == 0 ? "" : " ").append(sentence(random, n, common));
            }
            body.add(paragraph.toString());
        }
        boolean rare = i % 2000 == 1;
        if (rare) {
            body.set(body.size() - 1, body.get(body.size() - 1) + " The " + RARE + " delta was mentioned.");
            words += 5;
        }
        int tagCount = random.nextInt(4);
        List<String> tags = new ArrayList<>();
        for (int t = 0; t < tagCount; t++) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        long published = FIRST + random.nextLong(LAST - FIRST);
        long updated = published + random.nextInt(3 * 86_400);
        int year = 1970 + (int) (published / 31_556_952L);
        String digits = Integer.toString(i);
        String name = "bench-" + "0000000".substring(Math.min(7, digits.length())) + digits;
        String id;
        String source;
        if (random.nextInt(5) == 0) {
            source = "http:https://wire.example.com/stories/" + name;
            id = "h-" + name;
        } else {
            String desk = DESKS[random.nextInt(DESKS.length)];
            source = "file:" + desk + "/" + year + "/" + name + ".txt";
            id = desk + "~2F" + year + "~2F" + name;
        }
        String canonical = title + "\n" + subtitle + "\n" + summary + "\n" + String.join("\n", body);
        String hash = HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        StringBuilder slug = new StringBuilder(title.length());
        for (int c = 0; c < title.length(); c++) {
            char ch = Character.toLowerCase(title.charAt(c));
            if (ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9') {
                slug.append(ch);
            } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        if (slug.length() > 0 && slug.charAt(slug.length() - 1) == '-') {
            slug.setLength(slug.length() - 1);
        }
        StringBuilder json = new StringBuilder(2600);
        json.append("{\"id\":").append(quote(id))
                .append(",\"title\":").append(quote(title))
                .append(",\"subtitle\":").append(quote(subtitle))
                .append(",\"summary\":").append(quote(summary))
                .append(",\"body\":[");
        for (int p = 0; p < body.size(); p++) {
            json.append(p == 0 ? "" : ",").append(quote(body.get(p)));
        }
        json.append("],\"source\":").append(quote(source))
                .append(",\"publishedAt\":\"").append(Instant.ofEpochSecond(published, (i % 1000) * 1_000_000L))
                .append("\",\"updatedAt\":\"").append(Instant.ofEpochSecond(updated, (i % 1000) * 1_000_000L))
                .append("\",\"wordCount\":").append(words)
                .append(",\"contentHash\":\"").append(hash)
                .append("\",\"schemaVersion\":1,\"tags\":[");
        for (int t = 0; t < tags.size(); t++) {
            json.append(t == 0 ? "" : ",").append(quote(tags.get(t)));
        }
        json.append("],\"readingMinutes\":").append(Math.max(1, (words + 264) / 265))
                .append(",\"slug\":").append(quote(slug.toString())).append('}');
        return new String[] { id, json.toString(), common[0] ? "common" : "", rare ? "rare" : "" };
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int c = 0; c < text.length(); c++) {
            char ch = text.charAt(c);
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) ch));
                    } else {
                        quoted.append(ch);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int n = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            if (!client.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                // As the service creates it (ArticleTopic): compacted, kept for ever.
                client.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact", "retention.ms", "-1", "delete.retention.ms", "604800000"))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
        WriteArticles writer = new WriteArticles();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, System.getProperty("acks", "all"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, System.getProperty("linger.ms", "20"));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, System.getProperty("batch.size", "524288"));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, System.getProperty("compression.type", "none"));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        int common = 0;
        int rare = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n && failure.get() == null; i++) {
                String[] article = writer.article(seed, i, sha256);
                byte[] value = article[1].getBytes(StandardCharsets.UTF_8);
                bytes.addAndGet(value.length);
                if (!article[2].isEmpty()) {
                    common++;
                }
                if (!article[3].isEmpty()) {
                    rare++;
                }
                producer.send(new ProducerRecord<>(topic, article[0], value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        System.err.printf("%d articles, %.0f bytes each on average; '%s' in %d, '%s' in %d, '%s' in 0%n",
                n, (double) bytes.get() / Math.max(1, n), COMMON, common, RARE, rare, NOTHING);
        System.out.printf("WROTE %d %d %.2f %.0f %.1f%n", n, bytes.get(), seconds, n / seconds,
                bytes.get() / seconds / 1e6);
    }
}
