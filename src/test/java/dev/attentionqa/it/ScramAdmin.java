package dev.attentionqa.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What the secured test brokers ({@link SaslBroker}, {@link TlsBroker}) do through their admin client. */
final class ScramAdmin {

    private ScramAdmin() {
    }

    /** Adds a SCRAM-SHA-512 user. */
    static void addUser(Properties admin, String user, String password) throws Exception {
        try (Admin a = Admin.create(admin)) {
            a.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates topics of one partition. */
    static void createTopics(Properties admin, String... topics) throws Exception {
        try (Admin a = Admin.create(admin)) {
            a.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
