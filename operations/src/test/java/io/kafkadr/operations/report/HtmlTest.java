package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void textAndAttributesAreEscaped() {
        String html = new Html().open("td", "title", "\"><script>", "class", null).text("a<b & 'c'").close("td").toString();
        assertEquals("<td title=\"&quot;&gt;&lt;script&gt;\">a&lt;b &amp; &#39;c&#39;</td>", html);
        assertEquals("", Html.escape(null));
    }

    @Test
    void attributesComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> new Html().open("p", "class"));
    }
}
