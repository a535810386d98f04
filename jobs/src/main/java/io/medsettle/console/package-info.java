/**
 * The web console that {@code ./medsettle serve} runs (issue 12): the people of DOMAIN.md's "Who
 * uses it" work in a browser instead of a shell. Spring Security guards every page by role, and a
 * hospital's pages by its own institutions, in the queries themselves, not only in the pages.
 * Pages are Thymeleaf templates in Chinese; live parts use htmx from its WebJar (no JavaScript
 * build). Active only in the web application: the commands run without it.
 */
package io.medsettle.console;
