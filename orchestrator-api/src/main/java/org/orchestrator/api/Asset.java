package org.orchestrator.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A piece of data that tasks update and DAGs wait for (Airflow's Asset, formerly Dataset),
 * identified by its URI. A task lists the assets it updates with {@link TaskBuilder#outlets};
 * when one of its tries succeeds, an asset event is recorded, and DAGs scheduled with
 * {@link Schedule#onAssets} run once their condition is met.
 *
 * <pre>{@code
 * Asset orders = Asset.of("jdbc://analytics/orders");
 * Asset clicks = Asset.of("file:///data/clicks/").named("clicks").withExtra(Map.of("format", "csv"));
 * }</pre>
 *
 * <p>Two assets are the same asset when their URIs are equal; the name and extra only describe it.
 */
public final class Asset implements AssetCondition {

    /** The longest URI stored (the column's width). */
    public static final int MAX_URI_LENGTH = 1500;

    private final String uri;
    private final String name;
    private final Map<String, Object> extra;

    private Asset(String uri, String name, Map<String, Object> extra) {
        this.uri = uri;
        this.name = name;
        this.extra = extra;
    }

    /**
     * An asset identified by a URI with a scheme, e.g. {@code jdbc://analytics/orders} or
     * {@code file:///data/clicks/}.
     *
     * @param uri the asset's URI
     * @return the asset, named after its URI
     * @throws DagDefinitionException when the URI is blank, too long, has no scheme or does not parse
     */
    public static Asset of(String uri) {
        String checked = check(uri);
        return new Asset(checked, checked, Map.of());
    }

    /**
     * {@return a copy with a readable name (the dashboard shows it beside the URI)}
     *
     * @param name a non-blank name
     */
    public Asset named(String name) {
        if (name == null || name.isBlank()) {
            throw new DagDefinitionException("asset '" + uri + "': the name must not be blank");
        }
        return new Asset(uri, name, extra);
    }

    /**
     * {@return a copy carrying free-form information about the asset (owner, format, ...)}
     *
     * @param extra JSON-like values
     */
    public Asset withExtra(Map<String, Object> extra) {
        return new Asset(uri, name, Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extra, "extra"))));
    }

    /** {@return the URI that identifies the asset} */
    public String uri() {
        return uri;
    }

    /** {@return the asset's name; its URI unless {@link #named} gave one} */
    public String name() {
        return name;
    }

    /** {@return free-form information about the asset} */
    public Map<String, Object> extra() {
        return extra;
    }

    @Override
    public boolean isSatisfiedBy(Set<String> updatedUris) {
        return updatedUris.contains(uri);
    }

    @Override
    public Set<Asset> assets() {
        return Set.of(this);
    }

    @Override
    public String describe() {
        return uri;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Asset a && a.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return "asset '" + uri + "'";
    }

    private static String check(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new DagDefinitionException("an asset URI must not be blank");
        }
        if (uri.length() > MAX_URI_LENGTH) {
            throw new DagDefinitionException("asset URI '" + uri.substring(0, 40) + "...' is longer than " + MAX_URI_LENGTH + " characters");
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null) {
                throw new DagDefinitionException("asset URI '" + uri + "' has no scheme; write it as e.g. 'file:///data/orders.csv' or 'jdbc://analytics/orders'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DagDefinitionException("asset URI '" + uri + "' is not a valid URI: " + e.getMessage());
        }
    }
}
