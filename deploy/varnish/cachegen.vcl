vcl 4.1;

# Varnish in front of a CacheGen application (CacheGen.AspNetCore with SurrogateKeyHeaders.XKey and a VarnishPurger).
# Needs the xkey module (Debian: apt-get install varnish varnish-modules).

import xkey;

# The application. (The tests and the sample's demo replace this block with the port they started the app on.)
backend default {
    .host = "127.0.0.1";
    .port = "5000";
}

# Who may purge: the application instances. Anyone else gets 403.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # PURGE / with "xkey-purge: k:revenue:2026:6 ks:revenue" drops every object indexed under any of those keys.
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }

        if (!req.http.xkey-purge) {
            return (synth(400, "The xkey-purge header is missing"));
        }

        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    # Everything else: Varnish's built-in rules (no caching of requests with Authorization or cookies).
}

sub vcl_deliver {
    # X-Cache, outermost layer first: "CDN=HIT, revenue L1=HIT Redis=-".
    if (obj.hits > 0) {
        set req.http.x-cdn = "CDN=HIT";
    } else {
        set req.http.x-cdn = "CDN=MISS";
    }

    if (resp.http.X-Cache) {
        set resp.http.X-Cache = req.http.x-cdn + ", " + resp.http.X-Cache;
    } else {
        set resp.http.X-Cache = req.http.x-cdn;
    }

    # The surrogate keys are for this cache, not for clients.
    unset resp.http.xkey;
}
