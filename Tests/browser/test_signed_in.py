"""Signing in, the people directory, the import flow and administration, in a real browser."""
import os
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, axe_violations, click_and_wait, describe, sign_in


@pytest.fixture()
def admin(page):
    driver, url = page
    sign_in(driver, url, "districtAdministrator")
    assert driver.current_url.endswith("/dashboard"), driver.find_element(By.TAG_NAME, "main").text
    yield driver, url
    driver.get(url + "/dashboard")
    buttons = driver.find_elements(By.CSS_SELECTOR, ".account__signout button")
    if buttons:
        click_and_wait(driver, buttons[0])


def test_a_wrong_password_says_so_without_saying_which_part(page):
    driver, url = page
    driver.get(url + "/signin")
    driver.find_element(By.ID, "field-email").send_keys("nobody@cedarvalley.example")
    driver.find_element(By.ID, "field-password").send_keys("not the password")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "do not match an account" in alert.text


def test_the_administrator_lands_on_a_dashboard_with_every_school(admin):
    driver, url = admin
    text = driver.find_element(By.TAG_NAME, "main").text
    for school in ["Maple Grove Elementary", "Riverbend Middle School", "Cedar Valley Secondary", "Thornhill Creek Community School"]:
        assert f"People at {school}" in text


def test_the_people_directory_searches_and_filters(admin):
    driver, url = admin
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "People at Riverbend"))
    assert "540 found" in driver.find_element(By.ID, "results-count").text
    driver.find_element(By.ID, "field-grade").send_keys("Grade 7")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".filters button"))
    assert "180 found" in driver.find_element(By.ID, "results-count").text
    first = driver.find_element(By.CSS_SELECTOR, "tbody th a")
    name = first.text
    click_and_wait(driver, first)
    assert driver.find_element(By.TAG_NAME, "h1").text
    assert "Family contacts" in driver.find_element(By.TAG_NAME, "main").text
    assert name.split(", ")[0] in driver.find_element(By.TAG_NAME, "h1").text


def test_importing_a_oneroster_zip_previews_then_imports(admin, tmp_path):
    driver, url = admin
    bundle = ROOT / "Tests" / "Fixtures" / "oneroster" / "lakeside-1.1"
    archive = tmp_path / "lakeside.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(bundle.iterdir()):
            zipped.write(file, file.name)
    driver.get(url + "/admin/import")
    driver.find_element(By.ID, "field-file").send_keys(str(archive))
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    status = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "No problems found" in status
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Import']"))
    assert "Imported." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    driver.get(url + "/admin/audit?action=roster-imported")
    assert "lakeside.zip" in driver.find_element(By.TAG_NAME, "main").text


def test_an_import_with_problems_lists_each_with_its_line(admin, tmp_path):
    driver, url = admin
    users = tmp_path / "users.csv"
    users.write_text("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,"
                     "identifier,email,sms,phone,agentSourcedIds,grades\n"
                     "x-1,active,2026-08-20,TRUE,demo-school-maple-grove,wizard,w,,Merlin,Ambrosius,,,,,,,04\n")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n")
    driver.get(url + "/admin/import")
    driver.find_element(By.ID, "field-file").send_keys(str(users) + "\n" + str(orgs))
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    errors = driver.find_element(By.ID, "errors-heading").find_element(By.XPATH, "..").text
    assert "wizard" in errors and "not a OneRoster role" in errors
    violations = axe_violations(driver)
    assert violations == [], describe(violations)


def test_a_principal_is_created_and_sees_only_their_school(admin, browser, server):
    driver, url = admin
    driver.get(url + "/admin/users")
    driver.find_element(By.ID, "field-email").send_keys("browser.principal@cedarvalley.example")
    driver.find_element(By.ID, "field-name").send_keys("Robin Sinclair")
    driver.find_element(By.ID, "field-role").send_keys("School administrator")
    driver.find_element(By.ID, "field-place").send_keys("Thornhill Creek Community School")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Create account']"))
    password = driver.find_element(By.CSS_SELECTOR, "code.secret").text
    assert len(password) >= 16
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account__signout button"))

    driver.get(url + "/signin")
    driver.find_element(By.ID, "field-email").send_keys("browser.principal@cedarvalley.example")
    driver.find_element(By.ID, "field-password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert driver.current_url.endswith("/account/password")
    driver.find_element(By.ID, "field-current").send_keys(password)
    driver.find_element(By.ID, "field-new").send_keys("robin keeps a long passphrase")
    driver.find_element(By.ID, "field-confirm").send_keys("robin keeps a long passphrase")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    driver.get(url + "/dashboard")
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "People at Thornhill Creek Community School" in main
    assert "Maple Grove" not in main
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "People at Thornhill"))
    assert "found" in driver.find_element(By.ID, "results-count").text
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account__signout button"))


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard?lang=fr", "/admin/users", "/admin/import", "/admin/audit", "/admin/tokens",
                                  "/account/password", "/admin/users?lang=fr"])
def test_signed_in_pages_pass_an_automated_wcag_21_aa_audit(admin, path):
    driver, url = admin
    driver.get(url + path)
    violations = axe_violations(driver)
    assert violations == [], describe(violations)


def test_the_people_directory_and_sign_in_pass_the_audit(admin):
    driver, url = admin
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "People at Maple Grove"))
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "tbody th a"))
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account__signout button"))
    driver.get(url + "/signin?lang=fr")
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
