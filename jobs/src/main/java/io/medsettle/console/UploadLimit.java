package io.medsettle.console;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload above the limit ({@code spring.servlet.multipart.max-file-size}, 200 MB by default)
 * answers 413 with a sentence, from the page and the API alike. It is raised while the request is
 * read, before any controller is chosen, hence advice rather than a controller's handler.
 */
@RestControllerAdvice
class UploadLimit {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Map.of("error", "文件超过上传大小限制 (the file is larger than the upload limit)"));
    }
}
