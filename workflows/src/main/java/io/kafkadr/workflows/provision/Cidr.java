package io.kafkadr.workflows.provision;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block ({@code 10.10.0.0/16}). */
public record Cidr(long base, int prefix) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** The block {@code text} names, or empty when it is not an IPv4 CIDR. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address & mask(prefix), prefix));
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long last() {
        return base | (~mask(prefix) & 0xFFFFFFFFL);
    }

    public boolean overlaps(Cidr other) {
        return base <= other.last() && other.base <= last();
    }

    public boolean contains(Cidr other) {
        return base <= other.base && other.last() <= last();
    }
}
