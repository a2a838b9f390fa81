"""Social networks by host: the one list, read by the cleaner to tell a profile link and by the interface to
name it (kept apart from contacts.py so the interface loads no patterns to read it)."""

SOCIAL_NETWORKS: dict[str, str] = {
    "twitter.com": "twitter",
    "x.com": "x",
    "bsky.app": "bluesky",
    "threads.net": "threads",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "linkedin.com": "linkedin",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "mastodon.social": "mastodon",
    "t.me": "telegram",
    "signal.me": "signal",
}
