package org.frisson.lsl;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamXmlTest {

    @Test
    void readsChannelsFromDesc() {
        StreamXml x = StreamXml.parse("test", "<info><name>EEG</name><desc><channels>"
                + "<channel><label>Fz</label><unit>microvolts</unit><type>EEG</type></channel>"
                + "<channel><label>Cz</label></channel></channels></desc></info>");
        assertEquals("EEG", x.text("name"));
        assertEquals(2, x.channels().size());
        assertEquals(new Channel("Cz", "", ""), x.channels().get(1));
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><info><name>&x;</name></info>";
        LslException e = assertThrows(LslException.class, () -> StreamXml.parse("stream 'evil'", xxe));
        assertTrue(e.getMessage().contains("stream 'evil'"), e.getMessage());
        assertTrue(!e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void refusesEntityExpansionBombs() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><info>&lol2;</info>";
        assertThrows(LslException.class, () -> StreamXml.parse("bomb", bomb));
    }

    @Test
    void malformedXmlNamesItsSource() {
        LslException e = assertThrows(LslException.class, () -> StreamXml.parse("file rec.xdf stream 3", "<info><name>"));
        assertTrue(e.getMessage().startsWith("malformed stream XML from file rec.xdf stream 3"), e.getMessage());
    }

    @Test
    void fromXmlRefusesHostileXmlBeforeLiblslSeesIt() {
        assertThrows(LslException.class, () -> StreamInfo.fromXml("x",
                "<!DOCTYPE info [<!ENTITY a \"b\">]><info><name>&a;</name></info>"));
    }
}
