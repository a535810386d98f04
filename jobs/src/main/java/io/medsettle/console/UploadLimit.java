package io.medsettle.console;

import io.medsettle.runs.RunInProgressException;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * What an upload answers when it cannot be taken: 413 above the limit
 * ({@code spring.servlet.multipart.max-file-size}, 200 MB by default), raised while the request is
 * read, before any controller is chosen, hence advice rather than a controller's handler; 503 when
 * another process's intake ran longer than an upload waits.
 */
@RestControllerAdvice
class UploadLimit {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Map.of("error", "文件超过上传大小限制 (the file is larger than the upload limit)"));
    }

    /** Another process's intake held the intakes' lock longer than an upload waits: try again later. */
    @ExceptionHandler(RunInProgressException.class)
    ResponseEntity<Map<String, String>> busy(RunInProgressException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                .body(Map.of("error", "正在处理其他文件,请稍后再试:" + e.chinese() + " (another intake is running: "
                        + e.getMessage() + ")"));
    }
}
