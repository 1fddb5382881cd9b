package dev.newsfeed.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 21, item 5: which callbacks the service refuses to call, checked against addresses a resolver gives. */
class CallbackPolicyTest {

    /** Every name resolves to the address named by its first label, e.g. {@code 10-0-0-1.example} to 10.0.0.1. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.endsWith(".example")) {
            return new InetAddress[] { InetAddress.getByName(host.substring(0, host.indexOf('.')).replace('-', '.')) };
        }
        // Literal addresses only, so that the test never asks a DNS server.
        return new InetAddress[] { InetAddress.getByName(host) };
    }

    private final CallbackPolicy strict = new CallbackPolicy(false, CallbackPolicyTest::resolve);
    private final CallbackPolicy lenient = new CallbackPolicy(true, CallbackPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://10.1.2.3/hook",
            "http://172.16.0.9/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
            "http://[fe80::1]/", "http://[fd00::5]/", "http://100.64.0.1/", "http://0.0.0.0/",
            "http://[::ffff:127.0.0.1]/", "http://169-254-169-254.example/", "http://224.0.0.1/" })
    void refusesByDefaultWhatOnlyTheServiceCouldReach(String callback) {
        CallbackPolicy.RefusedCallbackException refused = assertThrows(CallbackPolicy.RefusedCallbackException.class,
                () -> strict.check(callback));
        assertThat(refused.getMessage()).contains("which this service does not call");
    }

    @Test
    void allowsAPublicAddressAndConnectsToTheAddressItChecked() throws Exception {
        CallbackPolicy.Target target = strict.check("https://93-184-216-34.example/hooks?x=1");
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.uri().getHost()).isEqualTo("93-184-216-34.example");
    }

    @Test
    void theSettingAllowsPrivateAddressesButNeverMulticastOrUnspecified() throws Exception {
        assertThat(lenient.check("http://127.0.0.1:9/hook").port()).isEqualTo(9);
        assertThat(lenient.check("http://10.0.0.1/hook").address().getHostAddress()).isEqualTo("10.0.0.1");
        assertThrows(CallbackPolicy.RefusedCallbackException.class, () -> lenient.check("http://224.0.0.1/"));
        assertThrows(CallbackPolicy.RefusedCallbackException.class, () -> lenient.check("http://0.0.0.0/"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "ftp://example.com/", "file:///etc/passwd", "http:///nohost",
            "http://user:pass@93.184.216.34/", "http://93.184.216.34/#fragment", "not a url" })
    void refusesWhatIsNoPlainHttpUrl(String callback) {
        assertThrows(CallbackPolicy.RefusedCallbackException.class, () -> CallbackPolicy.parse(callback));
    }
}
