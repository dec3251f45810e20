package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's durable-ledger example, line for line, with what it leaves to the embedder. */
class ReadmeDurableLedgerExampleTest {
  @TempDir Path centreData;

  @Test
  void snippet_isTheReadmes() throws java.io.IOException {
    dev.linli.points.journal.testing.ReadmeSnippet.assertInReadme(ReadmeDurableLedgerExampleTest.class);
  }

  @Test
  void readmeDurableLedgerExample_runs() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    PrivateKey centreKey = pair.getPrivate();        // from the embedder's key store
    PublicKey centrePublicKey = pair.getPublic();
    Path dir = centreData.resolve("points");
    try (DurableLedger setUp = DurableLedger.open(dir, Ledger.builder()
        .expireLots("points", Period.ofYears(1), "expired"))) {
      setUp.ledger().createAccount(Account.unlimited("pool", "points",
          AccountKind.COMMUNITY_POOL));
      setUp.ledger().createAccount(Account.member("M0001", "points"));
    }
    Checkpoint cp;
    // --- README begins ---
    try (DurableLedger durable = DurableLedger.open(dir,
        Ledger.builder().expireLots("points", Period.ofYears(1), "expired"))) {
      Ledger ledger = durable.ledger();                 // as before; every call is now durable
      ledger.submit(TransferRequest.of("t-1205-chen", "pool", "M0001", 300, "elderly-care"));
      cp = durable.checkpoint().sign(centreKey);        // keep it elsewhere
    }
    Verification v = JournalVerifier.verify(dir, cp, centrePublicKey);  // names the first bad record
    // --- README ends ---
    assertTrue(v.intact(), v::toString);
    assertEquals(300, DurableLedger.readOnly(dir).balance("M0001").balance());
  }
}
