package dev.descent.onnx;

import dev.descent.engine.Network;

/**
 * A network read from an ONNX file.
 *
 * @param network the network, in double precision
 * @param producer the program that wrote the file and its version (e.g. "pytorch
 * 1.13.1"), or null when the file does not say
 */
public record ImportedNetwork(Network network, String producer) {

}
