package io.cdnpurge.fakes.cloudfront;

import mockwebserver3.MockResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudFront's REST-XML as {@link FakeCloudFrontApi} reads and writes it: the {@code InvalidationBatch} of a request,
 * and the {@code Invalidation}, {@code InvalidationList}, {@code DistributionList} and {@code ErrorResponse} of an
 * answer. Requests are read with the JDK's namespace-aware DOM parser with DTDs and external entities turned off.
 */
final class FakeCloudFrontXml {
    static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    static final String ACCOUNT = "123456789012";
    private static final int MAX_PATH_CHARS = 4000;
    private static final int MAX_TAG_CHARS = 256;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FakeCloudFrontXml() {
    }

    /** An error answer, thrown where it is found so that checks read top to bottom; carries no stack trace. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Failure(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** The body of a CreateInvalidation request. */
    record Batch(List<String> paths, String callerReference) {
    }

    /** A line of {@code InvalidationList}. */
    record Summary(String id, Instant createTime, String status) {
    }

    /** A line of {@code DistributionList}. */
    record Distribution(String id, List<String> aliases) {
    }

    static Failure invalidArgument(String message) {
        return new Failure(400, "InvalidArgument", message);
    }

    /**
     * Reads and checks an {@code InvalidationBatch}: the namespace, {@code Quantity} against the items, a
     * {@code CallerReference}, and every path.
     */
    static Batch parseBatch(byte[] body) {
        if (body.length == 0) {
            throw new Failure(400, "MissingBody", "This operation requires a body. Ensure that the body is present "
                    + "and the Content-Type header is set.");
        }
        Element root = parse(body).getDocumentElement();
        if (!"InvalidationBatch".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new Failure(400, "MalformedInput", "The root element must be InvalidationBatch in the namespace "
                    + NAMESPACE + ", got " + root.getLocalName() + " in "
                    + (root.getNamespaceURI() == null ? "no namespace" : root.getNamespaceURI()));
        }
        Element paths = child(root, "Paths");
        List<String> items = new ArrayList<>();
        if (paths != null) {
            Element quantity = child(paths, "Quantity");
            int expected;
            try {
                expected = Integer.parseInt(quantity == null ? "" : quantity.getTextContent().trim());
            } catch (NumberFormatException e) {
                throw new Failure(400, "MalformedInput", "Paths/Quantity must be an integer");
            }
            Element list = child(paths, "Items");
            for (Node node = list == null ? null : list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element && "Path".equals(node.getLocalName())) {
                    items.add(node.getTextContent());
                }
            }
            if (expected != items.size()) {
                throw new Failure(400, "InconsistentQuantities", "The value of Quantity and the size of Items "
                        + "don't match: Quantity is " + expected + ", Items has " + items.size());
            }
        }
        if (items.isEmpty()) {
            throw invalidArgument("Paths must hold at least one path");
        }
        Element reference = child(root, "CallerReference");
        if (reference == null || reference.getTextContent().isBlank()) {
            throw invalidArgument("CallerReference is required");
        }
        items.forEach(FakeCloudFrontXml::checkPath);
        return new Batch(List.copyOf(items), reference.getTextContent());
    }

    private static void checkPath(String path) {
        String problem = null;
        if (path.length() > MAX_PATH_CHARS) {
            problem = "is longer than 4,000 characters";
        } else if (path.startsWith("#")) {
            String tag = path.substring(1);
            if (tag.isEmpty() || tag.length() > MAX_TAG_CHARS) {
                problem = "is not a cache tag of 1 to 256 characters";
            } else if (!tag.chars().allMatch(c -> c >= 33 && c <= 126 && c != ',' && c != '*')) {
                problem = "is a cache tag with a character other than printable ASCII, or a comma or *";
            }
        } else if (!path.startsWith("/")) {
            problem = "must start with / (or # for a cache tag)";
        } else if (path.indexOf('*') >= 0 && path.indexOf('*') != path.length() - 1) {
            problem = "has a * that is not its last character";
        }
        if (problem != null) {
            String shown = path.length() > 100 ? path.substring(0, 100) + "..." : path;
            throw invalidArgument("Your request contains one or more invalid invalidation paths: '" + shown + "' "
                    + problem);
        }
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw new Failure(400, "MalformedInput", "The request body is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be set up safely", e);
        }
    }

    /** Turns parse errors into exceptions without the parser's default printing to standard error. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && name.equals(node.getLocalName())
                    && NAMESPACE.equals(node.getNamespaceURI())) {
                return (Element) node;
            }
        }
        return null;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String invalidation(CloudFrontInvalidation invalidation, String status) {
        StringBuilder xml = start("Invalidation");
        element(xml, "Id", invalidation.id());
        element(xml, "Status", status);
        element(xml, "CreateTime", time(invalidation.createTime()));
        xml.append("<InvalidationBatch><Paths>");
        element(xml, "Quantity", String.valueOf(invalidation.paths().size()));
        xml.append("<Items>");
        invalidation.paths().forEach(path -> element(xml, "Path", path));
        xml.append("</Items></Paths>");
        element(xml, "CallerReference", invalidation.callerReference());
        return xml.append("</InvalidationBatch></Invalidation>").toString();
    }

    /** GetDistributionTenant's answer: the tenant with the distribution it belongs to. */
    static String distributionTenant(String tenantId, String distributionId) {
        StringBuilder xml = start("DistributionTenant");
        element(xml, "Id", tenantId);
        element(xml, "DistributionId", distributionId);
        element(xml, "Name", tenantId);
        element(xml, "Arn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution-tenant/" + tenantId);
        element(xml, "Enabled", "true");
        element(xml, "Status", "Deployed");
        return xml.append("</DistributionTenant>").toString();
    }

    static String invalidationList(String marker, String nextMarker, int maxItems, List<Summary> page) {
        StringBuilder xml = start("InvalidationList");
        listHead(xml, marker, nextMarker, maxItems, page.size());
        if (!page.isEmpty()) {
            xml.append("<Items>");
            for (Summary summary : page) {
                xml.append("<InvalidationSummary>");
                element(xml, "Id", summary.id());
                element(xml, "CreateTime", time(summary.createTime()));
                element(xml, "Status", summary.status());
                xml.append("</InvalidationSummary>");
            }
            xml.append("</Items>");
        }
        return xml.append("</InvalidationList>").toString();
    }

    static String distributionList(String marker, String nextMarker, int maxItems, List<Distribution> page) {
        StringBuilder xml = start("DistributionList");
        listHead(xml, marker, nextMarker, maxItems, page.size());
        if (!page.isEmpty()) {
            xml.append("<Items>");
            for (Distribution distribution : page) {
                xml.append("<DistributionSummary>");
                element(xml, "Id", distribution.id());
                element(xml, "ARN", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + distribution.id());
                element(xml, "Status", "Deployed");
                element(xml, "DomainName", distribution.id().toLowerCase(Locale.ROOT) + ".cloudfront.net");
                xml.append("<Aliases>");
                element(xml, "Quantity", String.valueOf(distribution.aliases().size()));
                if (!distribution.aliases().isEmpty()) {
                    xml.append("<Items>");
                    distribution.aliases().forEach(alias -> element(xml, "CNAME", alias));
                    xml.append("</Items>");
                }
                xml.append("</Aliases>");
                element(xml, "Enabled", "true");
                xml.append("</DistributionSummary>");
            }
            xml.append("</Items>");
        }
        return xml.append("</DistributionList>").toString();
    }

    private static void listHead(StringBuilder xml, String marker, String nextMarker, int maxItems, int quantity) {
        element(xml, "Marker", marker);
        if (nextMarker != null) {
            element(xml, "NextMarker", nextMarker);
        }
        element(xml, "MaxItems", String.valueOf(maxItems));
        element(xml, "IsTruncated", String.valueOf(nextMarker != null));
        element(xml, "Quantity", String.valueOf(quantity));
    }

    /** {@code Type} is {@code Receiver} for a 5xx status, as AWS marks its own faults, else {@code Sender}. */
    static String error(Failure failure, String requestId) {
        StringBuilder xml = start("ErrorResponse").append("<Error>");
        element(xml, "Type", failure.status >= 500 ? "Receiver" : "Sender");
        element(xml, "Code", failure.code);
        element(xml, "Message", failure.getMessage());
        xml.append("</Error>");
        element(xml, "RequestId", requestId);
        return xml.append("</ErrorResponse>").toString();
    }

    static MockResponse response(int status, String xml, String requestId, Map<String, String> headers) {
        MockResponse.Builder response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "text/xml")
                .setHeader("x-amz-request-id", requestId)
                .body(xml);
        headers.forEach(response::setHeader);
        return response.build();
    }

    private static StringBuilder start(String root) {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(NAMESPACE).append("\">");
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> xml.append(c);
            }
        }
        xml.append("</").append(name).append('>');
    }
}
