/**
 * The web console that {@code ./medsettle serve} runs (issue 12): the people of DOMAIN.md's "Who
 * uses it" work in a browser instead of a shell. Spring Security guards every page by role, and a
 * hospital's pages by its own institutions, in the queries themselves, not only in the pages.
 * Pages are Thymeleaf templates, in Chinese by default and in English by choice (message bundles,
 * {@link io.medsettle.console.ConsoleLocale}); live parts, such as a month-end's progress while it
 * runs in the background ({@link io.medsettle.console.BackgroundRuns}), use htmx from its WebJar (no
 * JavaScript build). Active only in the web application: the commands run without it.
 */
package io.medsettle.console;
