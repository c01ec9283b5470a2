"""Sources that keep themselves fresh: feed subscriptions, crawl runs, watch lists."""
