"""Reading results in a real browser: a principal's fall → spring change, the district's comparison
with the small school's small groups hidden, the print report and "You said, we did", in both languages,
with an axe audit of each page."""
import pytest
from selenium.webdriver.common.by import By

from conftest import axe_violations, click_and_wait, describe, sign_in


def signed_in(page, role):
    driver, url = page
    sign_in(driver, url, role)
    assert driver.current_url.endswith("/dashboard"), driver.find_element(By.TAG_NAME, "main").text
    return driver, url


def spring_link(driver, url, text):
    driver.get(url + "/results")
    card = next(card for card in driver.find_elements(By.CSS_SELECTOR, ".card") if card.find_element(By.TAG_NAME, "h2").text == "Spring check-in 2025–26")
    return card.find_element(By.PARTIAL_LINK_TEXT, text)


def no_serious_violations(driver):
    serious = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert not serious, describe(serious)


def test_a_principal_sees_the_change_since_fall_with_verdicts(page):
    driver, url = signed_in(page, "schoolAdministrator")
    click_and_wait(driver, spring_link(driver, url, "Maple Grove Elementary"))
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "Connectedness index" in main
    assert "Since the previous survey" in main
    assert any(verdict in main for verdict in ("improved", "declined", "no clear change"))
    assert driver.find_elements(By.CSS_SELECTOR, ".chart[role=img] svg.chart__marks rect"), "the charts are drawn"
    assert driver.find_element(By.ID, "feelings-table").is_displayed(), "the data table sits beside the chart"
    no_serious_violations(driver)
    # The same page in French.
    driver.get(driver.current_url + "?lang=fr")
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "Indice de connexion" in main and "Depuis le sondage précédent" in main
    no_serious_violations(driver)


def test_the_district_compares_schools_and_the_small_school_keeps_its_small_groups_hidden(page):
    driver, url = signed_in(page, "districtAdministrator")
    click_and_wait(driver, spring_link(driver, url, "District comparison"))
    rows = {row.find_element(By.TAG_NAME, "th").text: row.text for row in driver.find_elements(By.CSS_SELECTOR, "#schools-table tbody tr")}
    assert {"Maple Grove Elementary", "Riverbend Middle School", "Cedar Valley Secondary", "Thornhill Creek Community School", "District"} <= set(rows)
    no_serious_violations(driver)
    driver.get(url + "/results")
    click_and_wait(driver, spring_link(driver, url, "Thornhill Creek Community School"))
    grades = driver.find_element(By.ID, "grades-table").text
    assert "fewer than 10" in grades
    no_serious_violations(driver)


def test_the_print_report_and_you_said_we_did(page):
    driver, url = signed_in(page, "schoolAdministrator")
    click_and_wait(driver, spring_link(driver, url, "Maple Grove Elementary"))
    school = driver.current_url
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Print-ready report"))
    assert driver.find_element(By.CSS_SELECTOR, ".results.report")
    assert not driver.find_elements(By.CSS_SELECTOR, "main select[name=grade]"), "the report has no filter"
    assert not driver.find_elements(By.ID, "items"), "the report starts as its one-page summary"
    # The one control: details to add after the summary; it does not print.
    driver.find_element(By.ID, "part-items").click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.report-choices button[type=submit]"))
    assert driver.find_element(By.ID, "items").is_displayed() and "part=items" in driver.current_url
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not driver.find_element(By.CSS_SELECTOR, "form.report-choices").is_displayed()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    no_serious_violations(driver)
    driver.get(school)
    # The page's own link (a library resource of that name may be recommended on the same page).
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a[href$='/you-said']"))
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "in 10" in main and "What we are doing" in main
    no_serious_violations(driver)
    driver.get(driver.current_url + "?lang=fr")
    assert "sur 10" in driver.find_element(By.TAG_NAME, "main").text
