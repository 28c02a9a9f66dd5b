package dev.descent.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/** A node's attributes, with ONNX's defaults when absent. */
final class Attributes {

	private Attributes() {
	}

	/**
	 * @return the attribute called {@code name}, or null
	 */
	static AttributeProto find(NodeProto node, String name) {
		for (AttributeProto attribute : node.getAttributeList()) {
			if (attribute.getName().equals(name)) {
				return attribute;
			}
		}
		return null;
	}

	static long integer(NodeProto node, String name, long fallback) {
		AttributeProto attribute = find(node, name);
		return (attribute != null) ? attribute.getI() : fallback;
	}

	static double real(NodeProto node, String name, float fallback) {
		AttributeProto attribute = find(node, name);
		return (attribute != null) ? attribute.getF() : fallback;
	}

}
