"""The shop's catalog pages: home, categories, search and product pages, which join the
catalog with stores and stock (badges, the availability panel), so they sit above both."""
