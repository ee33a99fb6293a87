// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
pragma solidity ^0.8.24;

/// A minimal ERC-721: the deployer mints, owners (or approved operators) transfer.
contract Nft {
    error NotOwner(uint256 tokenId, address caller);
    error AlreadyMinted(uint256 tokenId);
    error NonexistentToken(uint256 tokenId);

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);

    string public name = "YaoVerse Test NFT";
    string public symbol = "YNFT";
    address public immutable minter;
    mapping(uint256 => address) private owners;
    mapping(address => uint256) public balanceOf;
    mapping(uint256 => address) public getApproved;

    constructor() {
        minter = msg.sender;
    }

    function ownerOf(uint256 tokenId) public view returns (address owner) {
        owner = owners[tokenId];
        if (owner == address(0)) revert NonexistentToken(tokenId);
    }

    function mint(address to, uint256 tokenId) external {
        if (msg.sender != minter) revert NotOwner(tokenId, msg.sender);
        if (owners[tokenId] != address(0)) revert AlreadyMinted(tokenId);
        owners[tokenId] = to;
        balanceOf[to] += 1;
        emit Transfer(address(0), to, tokenId);
    }

    function approve(address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        if (msg.sender != owner) revert NotOwner(tokenId, msg.sender);
        getApproved[tokenId] = to;
        emit Approval(owner, to, tokenId);
    }

    function transferFrom(address from, address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        if (owner != from || (msg.sender != owner && msg.sender != getApproved[tokenId])) {
            revert NotOwner(tokenId, msg.sender);
        }
        delete getApproved[tokenId];
        owners[tokenId] = to;
        balanceOf[from] -= 1;
        balanceOf[to] += 1;
        emit Transfer(from, to, tokenId);
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x80ac58cd || id == 0x01ffc9a7;
    }
}
