"""The demo force page at the contract's port: served from the project alone (works offline), with
strict security headers, and pointed at this Rasa server."""
import re

import requests



def test_the_page_and_every_asset_it_loads_come_from_the_project(stack):
    page = requests.get(stack.page_url, timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'src="([^"#]+)"', page.text) + re.findall(r'<link[^>]*href="([^"#]+)"', page.text)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    assert {"/config.js", "/vendor/socket.io.min.js"} <= set(scripts)
    for asset in (a for a in assets if not a.startswith("data:")):
        assert not asset.startswith(("http:", "https:", "//")), f"{asset} would not load offline"
        assert requests.get(stack.page_url.rstrip("/") + asset, timeout=10).status_code == 200, asset
    assert "<script>" not in page.text, "inline scripts are refused by the page's own policy"


def test_the_page_is_never_cached_and_only_talks_to_its_own_site_and_rasa(stack):
    headers = requests.get(stack.page_url, timeout=10).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert f"connect-src 'self' http://localhost:{stack.settings.rasa_port}" in policy
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"


def test_the_widget_is_told_where_rasa_and_the_exit_are(stack, exit_url):
    settings = requests.get(stack.page_url + "config.js", timeout=10).text
    assert f'"socketUrl": "http://localhost:{stack.settings.rasa_port}"' in settings
    assert f'"exitUrl": "{exit_url}"' in settings
