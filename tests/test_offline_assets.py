"""The asset vendoring step copies what the pages load and fails clearly without npm."""

from __future__ import annotations

import pytest

from coursekit.sphinx import offline_assets


def test_missing_node_modules_names_the_packages_and_the_fix(tmp_path):
    with pytest.raises(offline_assets.MissingAssetsError) as err:
        offline_assets.vendor(tmp_path / "node_modules", tmp_path / "vendor")
    message = str(err.value)
    assert "@jupyter-widgets/html-manager" in message
    assert "requirejs" in message
    assert "npm ci" in message


def test_vendor_copies_the_loaded_files_and_skips_source_maps(tmp_path):
    vendor_dir = tmp_path / "vendor"
    changed = offline_assets.vendor(offline_assets.NODE_MODULES, vendor_dir)
    assert changed > 0
    assert (vendor_dir / "html-manager" / "embed-amd.js").is_file()
    assert (vendor_dir / "requirejs" / "require.js").is_file()
    assert (vendor_dir / "offline-widgets-setup.js").is_file()
    assert list(vendor_dir.rglob("*.map")) == []
    # A second run with nothing changed copies nothing.
    assert offline_assets.vendor(offline_assets.NODE_MODULES, vendor_dir) == 0


def test_site_sync_restores_an_asset_deleted_from_the_site(tmp_path):
    vendor_dir = tmp_path / "vendor"
    offline_assets.vendor(offline_assets.NODE_MODULES, vendor_dir)
    site = tmp_path / "site"
    offline_assets.sync_into_site(site, vendor_dir)
    (site / "vendor" / "requirejs" / "require.js").unlink()
    assert offline_assets.sync_into_site(site, vendor_dir) == 1
    assert (site / "vendor" / "requirejs" / "require.js").is_file()
