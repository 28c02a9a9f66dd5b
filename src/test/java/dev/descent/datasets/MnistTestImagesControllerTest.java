package dev.descent.datasets;

import dev.descent.data.MnistSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(MnistTestImagesController.class)
@AutoConfigureMockMvc(addFilters = false)
class MnistTestImagesControllerTest {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private MnistSource mnist;

	@Test
	void whileMnistIsMissingStartsAFetchAndAsksToRetry() throws Exception {
		given(this.mnist.isAvailable()).willReturn(false);
		this.mvc.perform(get("/datasets/mnist/test/0"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "10"))
			.andExpect(jsonPath("$.detail").value("the MNIST test set is being fetched; try again shortly"));
		then(this.mnist).should().fetchInBackground();
	}

	@Test
	void aNonNumericIndexIs400NamingIt() throws Exception {
		this.mvc.perform(get("/datasets/mnist/test/first"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("index"));
	}

}
