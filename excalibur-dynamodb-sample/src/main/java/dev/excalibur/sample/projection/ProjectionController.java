package dev.excalibur.sample.projection;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The CDC projection's read model over HTTP. */
@RestController
public class ProjectionController {

    private final OrderProjection projection;

    public ProjectionController(OrderProjection projection) {
        this.projection = projection;
    }

    @GetMapping("/projection")
    public OrderProjection.View view() {
        return projection.view();
    }
}
