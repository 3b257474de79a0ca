package org.frisson.lsl;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stream XML, which arrives from the network and is untrusted: DOCTYPEs are refused outright,
 * so no DTD, external entity or entity expansion is ever processed.
 */
public final class StreamXml {

    private final String source;
    private final Element root;

    private StreamXml(String source, Element root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses {@code xml}; {@code source} names where it came from (a stream, a file) for error messages.
     *
     * <p>liblsl writes a control character in a name or label as a character reference ({@code &#01;}), which
     * XML 1.0 forbids and XML 1.1 allows: a description that XML 1.0 refuses and that holds a character
     * reference is read again as XML 1.1, so such a stream keeps its name instead of losing its description.
     *
     * @throws LslException naming the source, in one line, when the XML is malformed or carries a DOCTYPE
     */
    public static StreamXml parse(String source, String xml) {
        try {
            return new StreamXml(source, document(xml));
        } catch (SAXException e) {
            if (xml.contains("&#")) {
                try {
                    return new StreamXml(source, document(asXml11(xml)));
                } catch (SAXException | IOException again) {
                    // report the first refusal: it is about the text as given
                }
            }
            throw malformed(source, e);
        } catch (IOException e) {
            throw malformed(source, e);
        }
    }

    private static LslException malformed(String source, Exception e) {
        return new LslException("malformed stream XML from " + source + ": " + Printable.of(e.getMessage()), e);
    }

    private static Element document(String xml) throws SAXException, IOException {
        DocumentBuilder builder;
        try {
            builder = hardenedFactory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
        builder.setErrorHandler(null);
        Document doc = builder.parse(new InputSource(new StringReader(xml)));
        return doc.getDocumentElement();
    }

    /**
     * The text with its XML declaration saying version 1.1 (one added when it has none), and the characters that
     * XML 1.1 takes only as references (C1 controls) or reads as line ends (U+0085, U+2028) written as references,
     * so that they keep their value.
     */
    private static String asXml11(String xml) {
        StringBuilder sb = new StringBuilder(xml.length() + 32);
        int from = 0;
        if (xml.startsWith("<?xml")) {
            int end = xml.indexOf("?>");
            if (end > 0) {
                sb.append(XML_VERSION.matcher(xml.substring(0, end)).replaceFirst("version=\"1.1\""));
                from = end;
            }
        }
        if (from == 0) {
            sb.append("<?xml version=\"1.1\"?>");
        }
        for (int i = from; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if ((c >= 0x7F && c <= 0x9F) || c == 0x2028) {
                sb.append("&#").append((int) c).append(';');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern XML_VERSION = java.util.regex.Pattern.compile(
            "version\\s*=\\s*([\"'])1\\.0\\1");

    private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** Text of the first element at a slash-separated path below the root, or "" if absent. */
    public String text(String path) {
        Element e = find(root, path);
        return e == null ? "" : e.getTextContent().trim();
    }

    /** The channels listed under {@code desc/channels/channel}, in order. */
    public List<Channel> channels() {
        List<Channel> out = new ArrayList<>();
        Element channels = find(root, "desc/channels");
        if (channels == null) {
            return out;
        }
        for (Node n = channels.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element ch && ch.getTagName().equals("channel")) {
                out.add(new Channel(childText(ch, "label"), childText(ch, "unit"), childText(ch, "type")));
            }
        }
        return out;
    }

    /**
     * Every element named like the last part of a slash-separated path, below the element the rest names
     * (e.g. {@code desc/provenance/model}), each as its child elements' names and texts, in document order.
     */
    public List<Map<String, String>> elements(String path) {
        List<Map<String, String>> out = new ArrayList<>();
        int cut = path.lastIndexOf('/');
        Element parent = cut < 0 ? root : find(root, path.substring(0, cut));
        if (parent == null) {
            return out;
        }
        String name = path.substring(cut + 1);
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element f) {
                        fields.put(f.getTagName(), f.getTextContent().trim());
                    }
                }
                out.add(fields);
            }
        }
        return out;
    }

    /** Where this XML came from. */
    public String source() {
        return source;
    }

    private static Element find(Element from, String path) {
        Element cur = from;
        for (String part : path.split("/")) {
            cur = child(cur, part);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
