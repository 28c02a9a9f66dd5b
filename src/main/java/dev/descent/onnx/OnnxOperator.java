package dev.descent.onnx;

import java.util.Map;
import java.util.Set;

import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The operators descent writes that Tribuo's {@link ONNXOperators} does not define: Relu,
 * at the same opset (13) as the rest of the graph.
 */
enum OnnxOperator implements ONNXOperator {

	/** max(0, x), element-wise; one input, one output, no attributes. */
	RELU("Relu");

	private final String opName;

	OnnxOperator(String opName) {
		this.opName = opName;
	}

	@Override
	public String getOpName() {
		return this.opName;
	}

	@Override
	public int getNumInputs() {
		return 1;
	}

	@Override
	public int getNumOptionalInputs() {
		return 0;
	}

	@Override
	public int getNumOutputs() {
		return 1;
	}

	@Override
	public Map<String, ONNXAttribute> getAttributes() {
		return Map.of();
	}

	@Override
	public Set<String> getMandatoryAttributeNames() {
		return Set.of();
	}

	@Override
	public int getOpVersion() {
		return ONNXOperators.getOpsetVersion();
	}

	/**
	 * @return null: the default domain (ai.onnx), written as no domain, as Tribuo writes
	 * its own standard operators
	 */
	@Override
	public String getOpDomain() {
		return null;
	}

}
