//! Which address a request comes from, for rate limits: the socket's peer,
//! or, when that peer is a configured reverse proxy, the address the proxy
//! says it forwarded for.
//!
//! `X-Forwarded-For` from anyone else is ignored: a client could write any
//! address there and escape its limits.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

use crate::rate_limit::ClientAddr;

/// The client of a request that came in on a socket from `peer`.
pub fn resolve(peer: SocketAddr, headers: &HeaderMap, trusted_proxies: &[IpAddr]) -> ClientAddr {
    let peer = canonical(peer.ip());
    if !trusted_proxies
        .iter()
        .any(|proxy| canonical(*proxy) == peer)
    {
        return ClientAddr(peer);
    }
    // Each proxy appends the address it received from; reading from the
    // right, the first address that is not one of our proxies is the client.
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|item| item.trim().parse::<IpAddr>().map(canonical))
        .collect::<Result<_, _>>()
        // A malformed header is the proxy's mistake; the proxy is the client then.
        .unwrap_or_default();
    let client = forwarded.into_iter().rev().find(|addr| {
        !trusted_proxies
            .iter()
            .any(|proxy| canonical(*proxy) == *addr)
    });
    ClientAddr(client.unwrap_or(peer))
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:a.b.c.d`) as IPv4.
fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
        IpAddr::V4(_) => addr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().expect("header value"));
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy: SocketAddr = "10.0.0.1:5000".parse().expect("address");
        let stranger: SocketAddr = "203.0.113.9:5000".parse().expect("address");
        let spoofed = headers("198.51.100.7");
        assert_eq!(
            resolve(stranger, &spoofed, &[ip("10.0.0.1")]).0,
            ip("203.0.113.9")
        );
        assert_eq!(resolve(proxy, &spoofed, &[]).0, ip("10.0.0.1"));
        assert_eq!(
            resolve(proxy, &spoofed, &[ip("10.0.0.1")]).0,
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_rightmost_untrusted_address_is_the_client() {
        let proxy: SocketAddr = "10.0.0.1:5000".parse().expect("address");
        let chain = headers("1.2.3.4, 198.51.100.7, 10.0.0.2");
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // "1.2.3.4" was written by the client itself and is not believed.
        assert_eq!(resolve(proxy, &chain, &trusted).0, ip("198.51.100.7"));
        assert_eq!(
            resolve(proxy, &headers("garbage"), &trusted).0,
            ip("10.0.0.1")
        );
        assert_eq!(
            resolve(proxy, &HeaderMap::new(), &trusted).0,
            ip("10.0.0.1")
        );
    }
}
