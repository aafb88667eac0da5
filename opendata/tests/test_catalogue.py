"""The open-data catalogue: a readable page and the same datasets as DCAT-AP-SE JSON-LD."""

from opendata import catalogue


def test_the_catalogue_page_lists_every_dataset_with_licence_frequency_and_links(client, db):
    page = client.get("/data/").content.decode()
    for dataset in catalogue.datasets():
        assert dataset.title in page
        for distribution in dataset.distributions:
            assert f'href="{distribution.url}"' in page
    assert "CC0" in page
    assert "Löpande" in page


def test_the_dcat_ap_se_catalogue_has_the_mandatory_properties(client, db):
    response = client.get("/data/katalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@type"] == "dcat:Catalog"
    assert {"dcat", "dcterms", "foaf", "vcard"} <= set(data["@context"])
    assert data["dcterms:publisher"]["foaf:name"]
    assert len(data["dcat:dataset"]) == len(catalogue.datasets())
    for dataset in data["dcat:dataset"]:
        for key in [
            "dcterms:title",
            "dcterms:description",
            "dcterms:publisher",
            "dcat:contactPoint",
            "dcterms:accrualPeriodicity",
            "dcat:distribution",
        ]:
            assert dataset[key], (dataset["@id"], key)
        assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith("mailto:")
        for distribution in dataset["dcat:distribution"]:
            assert distribution["dcat:accessURL"]["@id"].startswith("http://testserver/")
            assert distribution["dcterms:format"]["@id"].startswith(catalogue.EU + "file-type/")


def test_every_distribution_link_of_the_catalogue_answers(client, structure):
    for dataset in catalogue.datasets():
        for distribution in dataset.distributions:
            assert client.get(distribution.url).status_code == 200, distribution.url


def test_the_catalogue_is_open_to_other_origins(client, db):
    response = client.get("/data/katalog.jsonld")
    assert response["Access-Control-Allow-Origin"] == "*"
