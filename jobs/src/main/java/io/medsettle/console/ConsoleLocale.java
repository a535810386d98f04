package io.medsettle.console;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: Chinese unless the user chose English with {@code ?lang=en} (any page;
 * {@code ?lang=zh-CN} goes back), kept in a cookie. The browser's Accept-Language is not asked: the
 * fund's staff read Chinese first, whatever their browser was installed with. The texts are in
 * {@code messages.properties} (Chinese) and {@code messages_en.properties}.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleLocale implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final String PARAMETER = "lang";
    static final String COOKIE = "medsettle-lang";

    /** Named {@code localeResolver}: the DispatcherServlet finds it by that name. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new SupportedLocales(COOKIE);
        resolver.setDefaultLocale(CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        // Lax rather than the session's Strict: the cookie carries no credential, and a link into the
        // console from another site should still open in the language chosen.
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAMETER);
        // ?lang=nonsense keeps the language: a typed URL must not answer 500.
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** The language of a tag: English for any English, Chinese for anything else. */
    static Locale supported(Locale requested) {
        return requested != null && "en".equals(requested.getLanguage()) ? Locale.ENGLISH : CHINESE;
    }

    /** Whether a text said in both languages is shown in English for this locale (else in Chinese). */
    static boolean isEnglish(Locale locale) {
        return supported(locale).equals(Locale.ENGLISH);
    }

    /**
     * Keeps only the two languages there are bundles for, so that the page's {@code lang} attribute
     * never names a language it is not written in ({@code ?lang=fr} is Chinese, and says so).
     */
    private static final class SupportedLocales extends CookieLocaleResolver {
        SupportedLocales(String cookie) {
            super(cookie);
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
            Locale locale = context == null ? null : context.getLocale();
            super.setLocaleContext(request, response, locale == null ? null : new SimpleLocaleContext(supported(locale)));
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
        }
    }
}
